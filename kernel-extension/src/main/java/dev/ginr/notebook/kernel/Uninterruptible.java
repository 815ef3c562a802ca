package dev.ginr.notebook.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for work handed to a thread that talks to the front end (the IOPub thread, a display's thread), from a
 * thread an interrupt may reach: the wait ignores interrupts and restores the flag afterwards, so the interrupt still
 * reaches the caller's own code and never the sockets.
 */
public final class Uninterruptible {

    private Uninterruptible() {}

    /** Waits for {@code done}; rethrows its failure; keeps this thread's interrupt status for afterwards. */
    public static void await(Future<?> done) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
