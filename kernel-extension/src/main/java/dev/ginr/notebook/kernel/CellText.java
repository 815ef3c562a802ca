package dev.ginr.notebook.kernel;

/** Positions in a cell's text: offsets to 1-based lines and columns, indentation. */
final class CellText {

    private CellText() {}

    /** 1-based line of character {@code offset}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of character {@code offset}. */
    static int columnOf(String text, int offset) {
        int o = Math.min(offset, text.length());
        return o - text.lastIndexOf('\n', o - 1);
    }

    /** The text of 1-based line {@code line}, without its line break ("" past the end). */
    static String lineText(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].stripTrailing() : "";
    }

    /** Number of whitespace characters at the start of {@code s}. */
    static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Indent for the line after an incomplete input: the last line's indent, one level deeper after a brace. */
    static String nextIndent(String code) {
        String last = code.stripTrailing();
        int nl = last.lastIndexOf('\n');
        String lastLine = last.substring(nl + 1);
        String indent = lastLine.substring(0, leadingWhitespace(lastLine));
        return last.endsWith("{") || last.endsWith("(") ? indent + "    " : indent;
    }

    /**
     * Start offset of the snippet that contains {@code cursor}: the completion and documentation analyses of JShell
     * work on one snippet, a cell may hold many.
     */
    static int snippetStart(jdk.jshell.SourceCodeAnalysis analysis, String code, int cursor) {
        String prefix = code.substring(0, Math.min(cursor, code.length()));
        String remaining = prefix;
        while (true) {
            jdk.jshell.SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.remaining().length() >= remaining.length()
                    || info.remaining().isBlank()) {
                int start = prefix.length() - remaining.length();
                return start + leadingWhitespace(remaining);
            }
            remaining = info.remaining();
        }
    }
}
