package dev.ginr.notebook.magic;

import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.GradMode;

import java.util.function.Supplier;

/**
 * Runs a training off the cell's thread, so that the cell can be stopped without killing the training mid-step.
 *
 * <p>A cell interrupt is passed on to the training thread, where the Trainer stops at its next step boundary. A
 * forced stop of the cell's thread (ThreadDeath, as JJava and the ginr kernel's grace period use) is passed on the
 * same way, and the cell's thread waits for that step (at most {@link #STOP_WAIT_NANOS}) before it lets the stop go
 * on, so no step is cut in half. The Trainer then writes its checkpoint at that step boundary (atomically, through a
 * plain stream that the interrupt does not close), besides the periodic ones.
 *
 * <p>The training thread is a new thread: it sets PyTorch's per-thread grad mode as on the engine's start thread
 * ({@link GradMode#matchEngineStartThread()}).
 */
public final class TrainingJob {

    /** How long a stopped training may take to finish its step and checkpoint before the cell gives up waiting. */
    static final long STOP_WAIT_NANOS = 120_000_000_000L;

    private TrainingJob() {}

    /**
     * Runs {@code work} (which should also store its result where later cells find it) on a training thread and
     * waits for it. After a cell interrupt the interrupt status of the calling thread is set again on a normal
     * return, so the kernel still reports the cell as interrupted; a failure is thrown with the status clear, so the
     * caller can still show it.
     */
    public static <T> T run(String name, Supplier<T> work) {
        TrainingThread t = new TrainingThread(name, work);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
        boolean interrupted = false;
        ThreadDeath death = null;
        long stopDeadline = Long.MAX_VALUE;
        while (t.isAlive() && System.nanoTime() < stopDeadline) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ThreadDeath d) {
                death = d; // a forced stop: still let the step and its checkpoint finish first
            }
            if ((interrupted || death != null) && !t.stop) {
                t.requestStop();
                stopDeadline = System.nanoTime() + STOP_WAIT_NANOS;
            }
        }
        if (death != null) {
            if (t.failure != null) {
                System.err.println(name + " failed while stopping: " + t.failure);
            }
            throw death;
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

    /** The training failed after it was asked to stop (e.g. an interrupted write); the cause says how. */
    public static final class StoppedWithFailure extends RuntimeException {
        StoppedWithFailure(Throwable cause) {
            super("stopped by an interrupt; then: " + cause, cause);
        }
    }

    /** The training thread, with the result or failure of its work. */
    private static final class TrainingThread extends Thread {

        private final Supplier<?> work;
        private volatile boolean stop;
        private volatile Throwable failure;
        private volatile Object result;

        TrainingThread(String name, Supplier<?> work) {
            super(name);
            this.work = work;
            setDaemon(true);
        }

        void requestStop() {
            stop = true;
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
