package dev.ginr.inr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.HeapTrim;
import dev.ginr.inr.nn.ParameterSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The library's one training-step skeleton, shared by {@link Trainer} (generalizable INRs) and {@link InstanceFitter}
 * (one INR per signal), so both stop, report and fail the same way. Each step, in its own {@link NDManager} scope
 * closed at its end: zero the gradients; compute the objective under a gradient collector and back-propagate it;
 * on reporting steps (and steps the caller asks for) read the loss back and stop, before the update, if it is not
 * finite; apply Adam; report progress. Between steps the caller's after-step work runs (evaluation, checkpoints),
 * and the loop ends at that boundary when a {@link StopRequest} is raised or the thread is interrupted.
 */
final class StepLoop {

    /** How a loop ended. */
    enum Ending { COMPLETED, INTERRUPTED, NON_FINITE }

    /**
     * What a step computes inside the gradient collector.
     *
     * @param objective      the scalar that is back-propagated
     * @param loss           the scalar reported as the step's loss (and checked for finiteness)
     * @param perInstanceMse (B), for the reported PSNR
     */
    record StepLoss(NDArray objective, NDArray loss, NDArray perInstanceMse) {}

    /** The parts of a step its owner supplies. */
    interface Step {

        /** Learning rate of 1-based step {@code step}. */
        double learningRate(long step);

        /** The step's objective, on step-scoped parameter views; everything it makes belongs to {@code scope}. */
        StepLoss compute(long step, ParameterSet.Bound p, NDManager scope);

        /**
         * Called after back-propagation and before the loss check and the update, with the gradients in place (a
         * {@link GradientProbe}'s hook); nothing by default.
         */
        default void afterBackward(long step, StepLoss loss, NDManager scope) { }

        /** Whether the loss must be read back and checked at {@code step} although it is not a reporting step. */
        default boolean checksLoss(long step) {
            return false;
        }

        /** Factor applied to every gradient before the update (gradient-norm clipping); 1 = none. */
        default double gradientScale(NDManager scope) {
            return 1.0;
        }

        /** Work after step {@code step} completed, outside its scope (evaluation, checkpoints). */
        default void afterStep(long step) { }
    }

    /**
     * @param stepsDone steps completed, counting those done before this loop started
     * @param ending    why it ended
     * @param detail    "completed", "interrupted", or what was not finite at which step
     * @param history   the progress events reported by this loop
     */
    record Outcome(long stepsDone, Ending ending, String detail, List<ProgressEvent> history) {

        ProgressEvent last() {
            return history.isEmpty() ? null : history.get(history.size() - 1);
        }
    }

    private final ParameterSet params;
    private final Adam adam;
    private final int logEvery;
    private final StopRequest stop;

    StepLoop(ParameterSet params, Adam adam, int logEvery, StopRequest stop) {
        this.params = params;
        this.adam = adam;
        this.logEvery = logEvery;
        this.stop = stop;
    }

    /** Runs steps {@code done + 1 .. total}, reporting to {@code listener}. */
    Outcome run(long done, long total, Step step, ProgressListener listener) {
        ProgressClock clock = new ProgressClock(total);
        List<ProgressEvent> history = new ArrayList<>();
        try (CoreSharing sharing = CoreSharing.forTraining(params.manager().getDevice())) {
            return run(done, total, step, listener, clock, history, sharing);
        }
    }

    private Outcome run(long done, long total, Step step, ProgressListener listener, ProgressClock clock,
                        List<ProgressEvent> history, CoreSharing sharing) {
        Engine engine = GinrEngine.engine();
        long stepsDone = done;
        while (stepsDone < total) {
            if (stop.isRequested() || Thread.currentThread().isInterrupted()) {
                return new Outcome(stepsDone, Ending.INTERRUPTED, "interrupted", List.copyOf(history));
            }
            long s = stepsDone + 1;
            double lr = step.learningRate(s);
            try (NDManager scope = params.manager().newSubManager()) {
                params.zeroGradients();
                StepLoss loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    loss = step.compute(s, params.bind(scope), scope);
                    gc.backward(loss.objective());
                }
                step.afterBackward(s, loss, scope);
                boolean report = s % logEvery == 0 || s == total;
                double value = report || step.checksLoss(s) ? loss.loss().getFloat() : 0;
                if (!Double.isFinite(value)) {
                    return new Outcome(stepsDone, Ending.NON_FINITE, "stopped at step " + s + ": the loss is " + value,
                            List.copyOf(history));
                }
                adam.update(params, lr, step.gradientScale(scope), scope);
                stepsDone = s;
                if (report) {
                    ProgressEvent e = clock.event(s, value, Metrics.meanPsnr(Metrics.toDoubles(loss.perInstanceMse())),
                            lr);
                    history.add(e);
                    listener.onProgress(e);
                }
            }
            if (stepsDone % HeapTrim.EVERY_STEPS == 0) {
                HeapTrim.trim(); // after the step's scope closed: its tensors are free
            }
            listener.afterStep(stepsDone);
            if (sharing != null) {
                sharing.afterStep();
            }
            step.afterStep(stepsDone);
        }
        return new Outcome(stepsDone, Ending.COMPLETED, "completed", List.copyOf(history));
    }
}
