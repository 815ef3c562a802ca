package dev.ginr.notebook.display;

import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.ProgressListener;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A running training as ONE notebook output, updated in place through its display id at most once per
 * {@code minIntervalMillis} (progress arrives every few steps; redrawing each time would flood the front end), and
 * replaced by the run's summary at the end.
 *
 * <p>Use it as the {@link ProgressListener} of a training: {@code TrainingDisplay.inNotebook("run").start("...")},
 * then {@link #finish(ExperimentRun)} when the training returns. Safe to call from a training thread other than the
 * cell's.
 */
public final class TrainingDisplay implements ProgressListener {

    /** Default minimum time between two redraws. */
    public static final long DEFAULT_MIN_INTERVAL_MILLIS = 300;

    private final DisplaySink sink;
    private final String title;
    private final String displayId = "ginr-training-" + UUID.randomUUID();
    private final long minIntervalMillis;
    private final LongSupplier clockMillis;
    private final List<ProgressEvent> events = new ArrayList<>();
    private final List<double[]> evaluations = new ArrayList<>();
    private String subtitle = "";
    private long lastDrawn = Long.MIN_VALUE;
    private int updates;

    public TrainingDisplay(DisplaySink sink, String title, long minIntervalMillis, LongSupplier clockMillis) {
        this.sink = sink;
        this.title = title;
        this.minIntervalMillis = minIntervalMillis;
        this.clockMillis = clockMillis;
    }

    /** A display in the running notebook with the default redraw interval. */
    public static TrainingDisplay inNotebook(String title) {
        return new TrainingDisplay(DisplaySink.notebook(), title, DEFAULT_MIN_INTERVAL_MILLIS,
                System::currentTimeMillis);
    }

    /** Shows the display (before the first step); {@code subtitle} states the run's scale and budget. */
    public synchronized TrainingDisplay start(String subtitle) {
        this.subtitle = subtitle;
        DisplayData d = frame();
        d.setDisplayId(displayId);
        sink.display(d);
        lastDrawn = clockMillis.getAsLong();
        return this;
    }

    @Override
    public synchronized void onProgress(ProgressEvent event) {
        events.add(event);
        redrawIfDue();
    }

    @Override
    public synchronized void onEvaluation(long step, double meanPsnr) {
        evaluations.add(new double[] {step, meanPsnr});
        redrawIfDue();
    }

    @Override
    public synchronized void onFinish(ProgressEvent last) {
        redraw();
    }

    /** Replaces the display by the run's summary. */
    public synchronized void finish(ExperimentRun run) {
        update(RunSummary.render(run, subtitle));
    }

    /** Replaces the display by a message, e.g. when the training failed. */
    public synchronized void fail(String message) {
        DisplayData d = new DisplayData(title + ": " + message);
        d.putHTML("<div><b>" + Html.escape(title) + "</b>: <span style=\"color:#b00\">" + Html.escape(message)
                + "</span></div>");
        update(d);
    }

    /** How many times the display was updated in place so far. */
    public synchronized int updates() {
        return updates;
    }

    public String displayId() {
        return displayId;
    }

    /** The progress events received so far. */
    public synchronized List<ProgressEvent> events() {
        return List.copyOf(events);
    }

    private void redrawIfDue() {
        // an interrupted thread cannot publish (the kernel's socket fails with EINTR): the training stops anyway
        if (!Thread.currentThread().isInterrupted() && clockMillis.getAsLong() - lastDrawn >= minIntervalMillis) {
            redraw();
        }
    }

    private void redraw() {
        update(frame());
    }

    private void update(DisplayData d) {
        sink.update(displayId, d);
        lastDrawn = clockMillis.getAsLong();
        updates++;
    }

    private DisplayData frame() {
        return TrainingView.frame(title, subtitle, events, evaluations);
    }
}
