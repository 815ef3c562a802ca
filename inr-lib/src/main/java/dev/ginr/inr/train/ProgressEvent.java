package dev.ginr.inr.train;

/**
 * One progress report of a training or fitting run.
 *
 * @param step           steps completed so far (1-based after the first step; 0 = before training)
 * @param totalSteps     steps planned in this run
 * @param loss           mean loss of the last step
 * @param psnr           mean PSNR (dB) of the last step's batch
 * @param learningRate   learning rate used for the last step
 * @param stepsPerSecond throughput since the run started (excluding the first step)
 * @param etaSeconds     estimated seconds left
 */
public record ProgressEvent(long step, long totalSteps, double loss, double psnr, double learningRate,
                            double stepsPerSecond, double etaSeconds) {

    /** Fraction of the run completed, in [0, 1]. */
    public double fraction() {
        return totalSteps == 0 ? 1 : Math.min(1, (double) step / totalSteps);
    }
}
