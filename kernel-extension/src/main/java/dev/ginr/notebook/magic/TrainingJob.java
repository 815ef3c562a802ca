package dev.ginr.notebook.magic;

import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.GradMode;
import dev.ginr.notebook.kernel.CellStop;

import java.util.function.Supplier;

/**
 * Runs a training (or an evaluation) off the cell's thread, so that an interrupt stops it at a step boundary instead
 * of cutting a step in half.
 *
 * <p>A cell interrupt is passed on to the job's thread, where the Trainer stops at its next step boundary and writes
 * its checkpoint at that step; the cell's thread waits for that (at most {@link #STOP_WAIT_NANOS}), telling the
 * kernel it is stopping by itself ({@link CellStop#acknowledge}) so that the kernel does not give up on it. The job's
 * thread never publishes anything: displays are sent by their own thread, so no interrupted thread reaches the
 * kernel's sockets.
 *
 * <p>The training thread is a new thread: it sets PyTorch's per-thread grad mode as on the engine's start thread
 * ({@link GradMode#matchEngineStartThread()}).
 */
public final class TrainingJob {

    /** How long a stopped training may take to finish its step and checkpoint before the cell gives up waiting. */
    static final long STOP_WAIT_NANOS = 120_000_000_000L;

    private TrainingJob() {}

    /**
     * Runs {@code work} (which should also store its result where later cells find it) on a job thread and waits
     * for it. After a cell interrupt the job is asked to stop, its result is returned as usual, and the interrupt
     * status of the calling thread is set again, so the kernel still reports the cell as interrupted. A failure of
     * the job is thrown with the status clear, so the caller can still show it.
     */
    public static <T> T run(String name, Supplier<T> work) {
        TrainingThread t = new TrainingThread(name, work);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
        boolean interrupted = false;
        try {
            t.join();
        } catch (InterruptedException e) {
            interrupted = true;
            CellStop.acknowledge();
            t.requestStop();
            awaitStop(t);
        }
        if (t.isAlive()) {
            throw new IllegalStateException("the training did not stop within " + STOP_WAIT_NANOS / 1_000_000_000
                    + " s of the interrupt; it stops at its next step in the background");
        }
        if (t.failure != null && interrupted) {
            throw new StoppedWithFailure(t.failure);
        }
        if (t.failure instanceof RuntimeException e) {
            throw e;
        }
        if (t.failure instanceof Error e) {
            throw e;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return cast(t.result);
    }

    /** Waits for the stopping job, ignoring further interrupts (the stop is already under way). */
    private static void awaitStop(Thread t) {
        long deadline = System.nanoTime() + STOP_WAIT_NANOS;
        while (t.isAlive() && System.nanoTime() < deadline) {
            try {
                t.join(1000);
            } catch (InterruptedException again) {
                // asked twice: the job stops at its next step all the same
            }
        }
    }

    /** The training failed after it was asked to stop (e.g. an interrupted write); the cause says how. */
    public static final class StoppedWithFailure extends RuntimeException {
        StoppedWithFailure(Throwable cause) {
            super("stopped by an interrupt; then: " + cause, cause);
        }
    }

    /** The training thread, with the result or failure of its work. */
    private static final class TrainingThread extends Thread {

        private final Supplier<?> work;
        private volatile Throwable failure;
        private volatile Object result;

        TrainingThread(String name, Supplier<?> work) {
            super(name);
            this.work = work;
            setDaemon(true);
        }

        void requestStop() {
            interrupt();
        }

        @Override
        public void run() {
            try {
                GinrEngine.engine();
                GradMode.matchEngineStartThread();
                result = work.get();
            } catch (Throwable e) {
                failure = e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
