package dev.ginr.notebook.kernel;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A cell that does not compile. Each problem names its line in the cell (1-based, as the notebook shows it), the
 * compiler's message and the offending source line, so the user sees where to look without counting snippets.
 */
public final class CompilationError extends RuntimeException {

    /**
     * @param line       1-based line in the cell
     * @param column     1-based column in that line
     * @param message    the compiler's message
     * @param sourceLine the text of that line
     */
    public record Problem(int line, int column, String message, String sourceLine) {
        /** "line 3: cannot find symbol ..." */
        public String summary() {
            return "line " + line + ": " + message;
        }
    }

    private final List<Problem> problems;

    public CompilationError(List<Problem> problems) {
        super(problems.stream().map(Problem::summary).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
