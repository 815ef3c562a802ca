package dev.ginr.notebook.kernel;

/** The cell ends in the middle of a statement or declaration (an open brace, a missing semicolon after a block). */
public final class IncompleteCell extends RuntimeException {

    public IncompleteCell(int line, String source) {
        super("the cell is incomplete from line " + line + ": " + firstLine(source), null, false, false);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }
}
