package dev.ginr.notebook.display;

import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.notebook.kernel.Uninterruptible;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A running training as ONE notebook output, updated in place through its display id on a steady clock:
 * {@code tickMillis} (default 500 ms, at most a second) after the previous redraw while the run goes on, with the
 * latest progress, the elapsed time and the ETA counting down between progress events. So the display moves at a
 * human pace whether steps take milliseconds or seconds, and never more than {@code 1000 / tickMillis} times a
 * second, even when a busy machine delays a redraw. At the end the run's summary replaces it.
 *
 * <p>Use it as the {@link ProgressListener} of a training: {@code TrainingDisplay.inNotebook("run").start("...")},
 * then {@link #finish(ExperimentRun)} when the training returns. The listener calls only record; everything shown is
 * sent from the display's own thread, which nobody interrupts, so interrupting the training or the cell never
 * reaches the kernel's sockets.
 */
public final class TrainingDisplay implements ProgressListener {

    /** Default redraw period: two updates a second. */
    public static final long DEFAULT_TICK_MILLIS = 500;
    /** The longest allowed redraw period: a running display moves at least once a second. */
    static final long MAX_TICK_MILLIS = 1000;

    private final DisplaySink sink;
    private final String title;
    private final String displayId = "ginr-training-" + UUID.randomUUID();
    private final long tickMillis;
    private final LongSupplier clockMillis;
    private final ScheduledExecutorService painter;
    private final List<ProgressEvent> events = new ArrayList<>();
    private final List<double[]> evaluations = new ArrayList<>();
    private String subtitle = "";
    private long startedAt;
    private long lastEventAt;
    private String curve = "";
    private int curvePoints = -1;
    private boolean changed;
    private boolean runEnded;
    private boolean ended;
    private int updates;

    /** A display redrawn every {@code tickMillis} by its own thread. */
    public TrainingDisplay(DisplaySink sink, String title, long tickMillis, LongSupplier clockMillis) {
        this(sink, title, tickMillis, clockMillis, true);
    }

    /** With {@code ownThread} false nothing is scheduled: {@link #tick()} redraws (tests drive the clock). */
    TrainingDisplay(DisplaySink sink, String title, long tickMillis, LongSupplier clockMillis, boolean ownThread) {
        if (tickMillis < 100 || tickMillis > MAX_TICK_MILLIS) {
            throw new IllegalArgumentException("tickMillis = " + tickMillis + " is invalid: 100.." + MAX_TICK_MILLIS
                    + " (at most ten and at least one update a second)");
        }
        this.sink = sink;
        this.title = title;
        this.tickMillis = tickMillis;
        this.clockMillis = clockMillis;
        this.painter = ownThread ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ginr-display-" + displayId.substring(displayId.length() - 8));
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** A display in the running notebook with the default redraw period. */
    public static TrainingDisplay inNotebook(String title) {
        return new TrainingDisplay(DisplaySink.notebook(), title, DEFAULT_TICK_MILLIS, System::currentTimeMillis);
    }

    /** Shows the display (before the first step) and starts its clock; {@code subtitle} states scale and budget. */
    public TrainingDisplay start(String subtitle) {
        synchronized (this) {
            this.subtitle = subtitle;
            startedAt = clockMillis.getAsLong();
        }
        paint(() -> {
            DisplayData d;
            synchronized (this) {
                d = frame();
            }
            d.setDisplayId(displayId);
            sink.display(d);
        });
        if (painter != null) {
            // fixed delay, not fixed rate: a tick the machine delayed is not followed by a burst of catch-up redraws
            painter.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void onProgress(ProgressEvent event) {
        events.add(event);
        lastEventAt = clockMillis.getAsLong();
        changed = true;
    }

    @Override
    public synchronized void onEvaluation(long step, double meanPsnr) {
        evaluations.add(new double[] {step, meanPsnr});
        changed = true;
    }

    @Override
    public synchronized void onFinish(ProgressEvent last) {
        changed = true;
        runEnded = true;
    }

    /**
     * One beat of the clock: redraws while the run goes on (after its last step, only once more if progress arrived,
     * then it waits for {@link #finish} without redrawing its clock).
     */
    public void tick() {
        DisplayData d;
        synchronized (this) {
            if (ended || runEnded && !changed) {
                return;
            }
            changed = false;
            updates++;
            d = frame();
        }
        sink.update(displayId, d);
    }

    /** Replaces the display by the run's summary. */
    public void finish(ExperimentRun run) {
        finish(run, "");
    }

    /** Replaces the display by the run's summary, with {@code note} (e.g. how to resume) as its last line. */
    public void finish(ExperimentRun run, String note) {
        end(RunSummary.render(run, subtitle, note));
    }

    /** Replaces the display by a message, e.g. when the training failed. */
    public void fail(String message) {
        DisplayData d = new DisplayData(title + ": " + message);
        d.putHTML("<div><b>" + Html.escape(title) + "</b>: <span style=\"color:#b00\">" + Html.escape(message)
                + "</span></div>");
        end(d);
    }

    /** Stops the clock with the last progress frame left in place (for a display nobody finishes with a summary). */
    public void close() {
        DisplayData d;
        synchronized (this) {
            runEnded = true;
            d = frame();
        }
        end(d);
    }

    private void end(DisplayData last) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            updates++;
        }
        paint(() -> sink.update(displayId, last));
        if (painter != null) {
            painter.shutdown();
        }
    }

    /** Runs {@code drawing} on the display's thread and waits for it, without being interruptible meanwhile. */
    private void paint(Runnable drawing) {
        if (painter == null) {
            drawing.run();
            return;
        }
        Uninterruptible.await(painter.submit(drawing));
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

    /** The current frame; the curve image is drawn again only when new points arrived. */
    private DisplayData frame() {
        long now = clockMillis.getAsLong();
        if (curvePoints != events.size() + evaluations.size()) {
            curvePoints = events.size() + evaluations.size();
            curve = TrainingView.curveHtml(events, evaluations);
        }
        return TrainingView.frame(title, subtitle, events, evaluations, (now - startedAt) / 1000.0,
                (now - lastEventAt) / 1000.0, curve);
    }
}
