package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;

import java.util.Arrays;

/** Reconstruction metrics (PAPER.md §5): per-instance MSE and PSNR = -10 log10(MSE). */
public final class Metrics {

    private Metrics() {}

    /** Mean squared error of each instance: (B, P, C) x (B, P, C) -> (B). */
    public static NDArray perInstanceMse(NDArray prediction, NDArray target) {
        NDArray squared = prediction.sub(target).square(); // (B, P, C)
        return squared.reshape(squared.getShape().get(0), -1).mean(new int[] {1}); // (B, P C) -> (B)
    }

    /** PSNR in dB of one MSE, for signals with peak value 1. */
    public static double psnr(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("MSE must be a non-negative number, got " + mse);
        }
        return -10.0 * Math.log10(mse);
    }

    /** PSNR of every instance. */
    public static double[] psnr(double[] mse) {
        return Arrays.stream(mse).map(Metrics::psnr).toArray();
    }

    /** Mean of per-instance PSNRs (the paper reports the mean over the test set). */
    public static double meanPsnr(double[] mse) {
        return Arrays.stream(psnr(mse)).average().orElse(Double.NaN);
    }

    /** Host copy of a (B) tensor of MSEs. */
    public static double[] toDoubles(NDArray perInstance) {
        return Arrays.stream(perInstance.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray())
                .toArray();
    }
}
