package dev.ginr.notebook.magic;

import dev.ginr.inr.GinrEngine;

import java.util.function.Supplier;

/**
 * Runs a training off the cell's thread so that stopping it leaves a checkpoint.
 *
 * <p>Why: the Trainer stops at its next step boundary when its thread reports {@link Thread#isInterrupted()}, then
 * writes a final checkpoint; but the checkpoint is written through a {@code FileChannel}, which an interrupted
 * thread closes at once ({@code ClosedByInterruptException}), so a plainly interrupted training thread would lose
 * that checkpoint. Here a cell interrupt becomes a stop request: the training thread reports it through
 * {@code isInterrupted()} without setting its real interrupt status, and the checkpoint is written normally. A
 * forced stop of the cell's thread (ThreadDeath, as JJava and the ginr kernel's grace period use) is passed on the
 * same way before it continues; the training then finishes its step and checkpoint in the background.
 *
 * <p>PyTorch's grad mode is per thread and the engine switches it off only on the thread that starts it; inr-lib's
 * optimiser updates leaf parameters in place relying on that, so the training thread switches it off too.
 */
public final class TrainingJob {

    private TrainingJob() {}

    /**
     * Runs {@code work} (which should also store its result where later cells find it) on a training thread and
     * waits for it. After a cell interrupt the interrupt status of the calling thread is set again on return, so the
     * kernel still reports the cell as interrupted.
     */
    public static <T> T run(String name, Supplier<T> work) {
        TrainingThread t = new TrainingThread(name, work);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
                t.requestStop();
            } catch (ThreadDeath d) {
                t.requestStop();
                throw d;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (t.failure instanceof RuntimeException e) {
            throw e;
        }
        if (t.failure instanceof Error e) {
            throw e;
        }
        return cast(t.result);
    }

    /** The training thread: reports a stop request as an interrupt to code that asks, without the real status. */
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
        }

        @Override
        public boolean isInterrupted() {
            return stop || super.isInterrupted();
        }

        @Override
        public void run() {
            try {
                GinrEngine.engine();
                ai.djl.pytorch.jni.JniUtils.setGradMode(false); // as on the engine's start thread (see below)
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
