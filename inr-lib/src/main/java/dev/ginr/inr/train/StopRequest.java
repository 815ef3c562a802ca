package dev.ginr.inr.train;

/**
 * A request, from another thread (a signal handler, a user interface), that a training end at its next step
 * boundary, as a thread interrupt does, but without setting the training thread's interrupt flag (which would also
 * close any interruptible channel the thread uses afterwards, such as a lock file's).
 */
public final class StopRequest {

    private volatile String reason;

    /** Asks the training to stop; the first reason given is kept. */
    public void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean isRequested() {
        return reason != null;
    }

    /** Why a stop was requested, or null. */
    public String reason() {
        return reason;
    }
}
