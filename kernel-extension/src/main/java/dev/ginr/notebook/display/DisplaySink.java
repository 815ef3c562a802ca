package dev.ginr.notebook.display;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Where displays go: the kernel's display stream (display_data and update_display_data messages of the running
 * cell), or a recorder in tests. A magic's own return value is dropped when the magic stands alone on a line, so
 * everything a magic shows goes through here.
 */
public interface DisplaySink {

    /** Shows {@code data} as a new output of the running cell (with its display id, if it has one). */
    void display(DisplayData data);

    /** Replaces the output shown under {@code displayId} by {@code data}. */
    void update(String displayId, DisplayData data);

    /** The display stream of {@code kernel}. */
    static DisplaySink of(BaseKernel kernel) {
        return new DisplaySink() {
            @Override
            public void display(DisplayData data) {
                kernel.display(data);
            }

            @Override
            public void update(String displayId, DisplayData data) {
                kernel.getIO().display.updateDisplay(displayId, data);
            }
        };
    }

    /** The display stream of the kernel running this notebook (for plain Java cells). */
    static DisplaySink notebook() {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel == null) {
            throw new IllegalStateException("no notebook kernel is running in this JVM");
        }
        return of(kernel);
    }
}
