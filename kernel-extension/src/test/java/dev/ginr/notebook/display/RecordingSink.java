package dev.ginr.notebook.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;

/** A display sink that keeps what it was sent, for tests. */
public final class RecordingSink implements DisplaySink {

    public final List<DisplayData> displayed = new ArrayList<>();
    public final List<String> updatedIds = new ArrayList<>();
    public final List<DisplayData> updates = new ArrayList<>();
    /** The name of the thread that sent each display and update. */
    public final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void display(DisplayData data) {
        displayed.add(data);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public synchronized void update(String displayId, DisplayData data) {
        updatedIds.add(displayId);
        updates.add(data);
        threads.add(Thread.currentThread().getName());
    }
}
