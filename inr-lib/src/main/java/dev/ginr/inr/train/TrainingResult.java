package dev.ginr.inr.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param stepsDone      optimiser steps completed (including those before a resume)
 * @param history        progress events at the logging steps
 * @param evaluations    (step, mean held-out PSNR) pairs
 * @param lastCheckpoint the last checkpoint written, or null
 * @param stopReason     why training ended: "completed", "interrupted", or a description of a non-finite loss
 */
public record TrainingResult(long stepsDone, List<ProgressEvent> history, List<double[]> evaluations,
                             Path lastCheckpoint, String stopReason) {

    public boolean completed() {
        return stopReason.equals("completed");
    }

    /** Mean held-out PSNR of the last evaluation, NaN if none ran. */
    public double finalEvalPsnr() {
        return evaluations.isEmpty() ? Double.NaN : evaluations.get(evaluations.size() - 1)[1];
    }
}
