package dev.ginr.notebook.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * An exception the cell's code threw, as the notebook shows it: the original exception's class and message, and its
 * stack trace trimmed to the user's frames (JShell's wrappers, reflection and the kernel's own frames removed).
 */
public final class CellException extends RuntimeException {

    private final String exceptionClass;

    /**
     * @param exceptionClass fully qualified name of the exception the cell threw
     * @param message        its message (may be null)
     * @param trace          its stack trace as JShell reported it
     * @param cause          the next exception in the cause chain, already converted (may be null)
     */
    public CellException(String exceptionClass, String message, StackTraceElement[] trace, CellException cause) {
        super(exceptionClass + (message == null ? "" : ": " + message), cause, false, true);
        this.exceptionClass = exceptionClass;
        setStackTrace(trim(trace));
    }

    /** Fully qualified name of the exception the cell threw. */
    public String exceptionClass() {
        return exceptionClass;
    }

    /**
     * Keeps the frames down to the snippet's own {@code do_it$} method: the frames below it are reflection and the
     * kernel calling the snippet, which tell the user nothing.
     */
    static StackTraceElement[] trim(StackTraceElement[] trace) {
        List<StackTraceElement> kept = new ArrayList<>();
        for (StackTraceElement e : trace) {
            if (e.getClassName().startsWith("jdk.internal.reflect.")) {
                break;
            }
            kept.add(e);
            if (e.getClassName().startsWith("REPL.") && e.getMethodName().equals("do_it$")) {
                break;
            }
        }
        return kept.toArray(StackTraceElement[]::new);
    }
}
