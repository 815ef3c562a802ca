package dev.ginr.notebook.kernel;

import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed cell into the traceback lines the notebook shows: for a compile error the cell line, a caret under
 * the offending column and the compiler's message; for an exception its class, message and the user's frames.
 */
final class CellErrorFormatter {

    private final StringStyler styler;

    CellErrorFormatter(StringStyler styler) {
        this.styler = styler;
    }

    /** The lines for the kernel's own error types; null for anything else. */
    List<String> format(Throwable e) {
        if (e instanceof CompilationError c) {
            return compilation(c);
        }
        if (e instanceof CellException c) {
            return exception(c);
        }
        if (e instanceof CellInterrupted || e instanceof IncompleteCell) {
            return List.of(styler.secondary(e.getMessage()));
        }
        return null;
    }

    private List<String> compilation(CompilationError e) {
        List<String> lines = new ArrayList<>();
        for (CompilationError.Problem p : e.problems()) {
            String gutter = String.format("%4d | ", p.line());
            lines.add(styler.secondary("Compilation error at line " + p.line() + ", column " + p.column() + ":"));
            lines.add(styler.primary(gutter + p.sourceLine()));
            lines.add(styler.secondary(" ".repeat(gutter.length() + Math.max(0, p.column() - 1)) + "^"));
            lines.add(styler.secondary(p.message()));
            lines.add("");
        }
        return lines;
    }

    private List<String> exception(CellException e) {
        List<String> lines = new ArrayList<>();
        String prefix = "";
        for (Throwable t = e; t instanceof CellException c; t = t.getCause()) {
            lines.add(styler.secondary(prefix + c.getMessage()));
            for (StackTraceElement frame : c.getStackTrace()) {
                lines.add(styler.primary("    at " + describe(frame)));
            }
            prefix = "Caused by: ";
        }
        return lines;
    }

    /** A frame; the snippet wrapper classes ({@code REPL.$JShell$12}) are shown as "cell". */
    private static String describe(StackTraceElement f) {
        if (f.getClassName().startsWith("REPL.")) {
            String method = f.getMethodName().equals("do_it$") ? "" : "." + f.getMethodName();
            return "cell" + method + " (line " + f.getLineNumber() + " of its snippet)";
        }
        return f.toString();
    }
}
