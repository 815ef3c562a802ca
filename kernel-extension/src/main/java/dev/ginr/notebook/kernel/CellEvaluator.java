package dev.ginr.notebook.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Executes a cell: splits it into JShell snippets (statements, declarations, expressions), evaluates them in order,
 * and stops at the first one that does not compile, throws, or was interrupted. The cell's value is the value of
 * its last snippet when that snippet is an expression written without a closing semicolon, as in IPython: so
 * {@code img} shows the image while {@code display(img);} or {@code System.out.printf(...);} show nothing more.
 * Declarations and statements give no value.
 */
final class CellEvaluator {

    private final JShell shell;
    private final CellExecutionControl control;

    CellEvaluator(JShell shell, CellExecutionControl control) {
        this.shell = shell;
        this.control = control;
    }

    /** Evaluates every snippet of {@code cell}; returns the last expression's value or null. */
    Object eval(String cell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        Object value = null;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                return value;
            }
            int start = cell.length() - remaining.length() + CellText.leadingWhitespace(remaining);
            if (info.completeness() == Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == Completeness.CONSIDERED_INCOMPLETE) {
                throw new IncompleteCell(CellText.lineOf(cell, start), remaining);
            }
            boolean unknown = info.completeness() == Completeness.UNKNOWN;
            String source = unknown || info.source() == null ? remaining.strip() : info.source();
            remaining = unknown ? "" : info.remaining();
            boolean showValue = !remaining.isEmpty() || unknown
                    ? !consumed(cell, start, remaining).endsWith(";") : !cell.strip().endsWith(";");
            Object v = evalSnippet(cell, start, source);
            value = showValue ? v : null;
        }
    }

    /** The cell text a snippet came from, from its start to where the remaining input begins, stripped. */
    private static String consumed(String cell, int start, String remaining) {
        int end = Math.max(start, cell.length() - remaining.length());
        return cell.substring(start, end).strip();
    }

    private Object evalSnippet(String cell, int start, String source) {
        stopIfInterrupted(cell, start);
        List<SnippetEvent> events = shell.eval(source);
        Object value = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet re-evaluated because of this one
            }
            stopIfInterrupted(cell, start);
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationError(cell, start, snippet);
            }
            if (event.exception() != null) {
                throw convert(event.exception());
            }
            value = isExpression(snippet) ? control.lastValue() : null;
        }
        return value;
    }

    private void stopIfInterrupted(String cell, int start) {
        if (control.interruptRequested()) {
            throw new CellInterrupted("interrupted at line " + CellText.lineOf(cell, start) + (control.abandoned()
                    ? "; the cell ignored the interrupt inside library code and was left running in the background"
                    : "") + "; the kernel is alive and keeps every definition made before the interrupt");
        }
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private CompilationError compilationError(String cell, int start, Snippet snippet) {
        List<CompilationError.Problem> problems = new ArrayList<>();
        for (Diag d : shell.diagnostics(snippet).filter(Diag::isError).toList()) {
            long pos = d.getPosition();
            int at = start + (pos >= 0 && pos <= snippet.source().length() ? (int) pos : 0);
            at = Math.min(at, cell.length());
            problems.add(new CompilationError.Problem(CellText.lineOf(cell, at), CellText.columnOf(cell, at),
                    message(d), CellText.lineText(cell, CellText.lineOf(cell, at))));
        }
        if (problems.isEmpty()) {
            int line = CellText.lineOf(cell, start);
            String unresolved = snippet instanceof jdk.jshell.DeclarationSnippet decl
                    ? shell.unresolvedDependencies(decl).collect(Collectors.joining(", ")) : "";
            problems.add(new CompilationError.Problem(line, 1, unresolved.isEmpty()
                    ? "JShell rejected this snippet" : "unresolved: " + unresolved, CellText.lineText(cell, line)));
        }
        return new CompilationError(problems);
    }

    /** The compiler's message without its "location:" lines, which the line number already gives. */
    private static String message(Diag d) {
        return d.getMessage(Locale.ROOT).lines().filter(l -> !l.strip().startsWith("location:"))
                .map(String::strip).collect(Collectors.joining(" "));
    }

    private CellException convert(JShellException e) {
        if (e instanceof EvalException ee) {
            CellException cause = ee.getCause() != null ? convert(ee.getCause()) : null;
            return new CellException(ee.getExceptionClassName(), ee.getMessage(), ee.getStackTrace(), cause);
        }
        if (e instanceof UnresolvedReferenceException ure) {
            String name = ure.getSnippet().source().lines().findFirst().orElse("").strip();
            String missing = shell.unresolvedDependencies(ure.getSnippet()).collect(Collectors.joining(", "));
            return new CellException("UnresolvedReference", "'" + name + "' cannot be used until "
                    + missing + " is declared", ure.getStackTrace(), null);
        }
        return new CellException(e.getClass().getName(), e.getMessage(), e.getStackTrace(), null);
    }

    /** A snippet JShell cannot classify that does not even parse (not merely one naming an unknown symbol). */
    private static boolean malformed(SourceCodeAnalysis analysis, String source) {
        return source != null && analysis.sourceToSnippets(source).stream()
                .anyMatch(s -> s.kind() == Snippet.Kind.ERRONEOUS) && !SyntaxCheck.wellFormed(source);
    }

    /**
     * Whether {@code code} can run as it is: {@code complete}, {@code invalid}, or an indent for the next line when
     * it stops in the middle of a statement (an open brace, an unfinished expression).
     */
    String isComplete(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return "complete";
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return CellText.nextIndent(remaining);
                case UNKNOWN:
                    return "invalid";
                default:
                    if (malformed(analysis, info.source())) {
                        return "invalid";
                    }
                    remaining = info.remaining();
            }
        }
    }
}
