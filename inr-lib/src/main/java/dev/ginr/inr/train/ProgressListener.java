package dev.ginr.inr.train;

/**
 * Receives progress from the library, which never prints: the terminal shows a progress bar, a notebook a live
 * display. Events arrive at logging intervals and once after the last step.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = e -> { };

    void onProgress(ProgressEvent event);

    /** Called after each evaluation on held-out signals, with their mean PSNR. */
    default void onEvaluation(long step, double meanPsnr) { }

    /**
     * A message the user should see before training goes on, e.g. that a resumed run uses another learning rate than
     * its checkpoint. Ignored unless a listener shows it.
     */
    default void onNotice(String message) { }

    /**
     * Called between steps, after step {@code step}'s tensors were freed (and, on the steps that trim, the C heap was
     * trimmed): the place to measure what training keeps from one step to the next. Called after every step, so it
     * must be cheap unless it acts.
     */
    default void afterStep(long step) { }

    /** Called once when a run ends, with its last event. */
    default void onFinish(ProgressEvent last) { }
}
