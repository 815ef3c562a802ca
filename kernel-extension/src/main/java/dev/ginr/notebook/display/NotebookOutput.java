package dev.ginr.notebook.display;

import dev.ginr.notebook.kernel.GinrKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;

import java.lang.reflect.Field;

/**
 * Calls a cell makes on its own output, imported statically in every notebook of the ginr kernel (and by the
 * extension in JJava): {@code clearOutput()} empties the cell's output at once; {@code clearOutput(true)} empties it
 * when the next output arrives, so a loop that clears and redraws does not flicker:
 *
 * <pre>
 * for (int i = 0; i &lt; 10; i++) {
 *     clearOutput(true);
 *     System.out.println("step " + i);
 *     Thread.sleep(200);
 * }
 * </pre>
 */
public final class NotebookOutput {

    private NotebookOutput() {}

    /** Clears the running cell's output now (Jupyter's {@code clear_output}). */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the running cell's output; with {@code wait}, only when the next output arrives. */
    public static void clearOutput(boolean wait) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel instanceof GinrKernel ginr) {
            ginr.clearOutput(wait);
        } else {
            publishThroughDisplayStream(kernel.getIO().display, wait);
        }
    }

    /**
     * JJava's display stream has no public way to send clear_output: its reply environment is reached by
     * reflection (jjava-jupyter 1.0-a6; the message itself is jjava's own).
     */
    private static void publishThroughDisplayStream(DisplayStream display, boolean wait) {
        try {
            Field env = DisplayStream.class.getDeclaredField("env");
            env.setAccessible(true);
            Object e = env.get(display);
            if (e instanceof org.dflib.jjava.jupyter.channels.ReplyEnvironment reply) {
                reply.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedOperationException("clearOutput: this kernel's display stream cannot clear output ("
                    + e + ")");
        }
    }
}
