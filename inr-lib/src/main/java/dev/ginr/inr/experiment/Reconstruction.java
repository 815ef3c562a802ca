package dev.ginr.inr.experiment;

import dev.ginr.inr.data.SignalBatch;

/**
 * A run's reconstructions of some images: at the images' own resolution (with the per-image PSNR), and optionally
 * rendered on a denser grid ({@code upsample} times each side), which an INR can do because it is a function of
 * continuous coordinates.
 *
 * @param run            the run's name
 * @param truth          the images, (B, S S, 3)
 * @param reconstruction the reconstructions at the images' resolution, (B, S S, 3)
 * @param upsampled      the reconstructions at {@code upsample} times the resolution, or null when upsample is 1
 * @param upsample       the upsampling factor (1 = none)
 * @param psnr           per-image PSNR (dB) of {@code reconstruction} as shown against {@code truth}: the
 *                       reconstruction clamped to the signal's range ([0, 1] for images, [-1, 1] for audio), as a
 *                       picture's pixels and a played WAV hold it. The held-out tables ({@code Evaluation}) score the
 *                       raw output, as the reference does, so the two differ where the output leaves the range.
 */
public record Reconstruction(String run, SignalBatch truth, SignalBatch reconstruction, SignalBatch upsampled,
                             double upsample, double[] psnr) {

    /** Reconstructs {@code images} with {@code run}; {@code upsample} >= 1. */
    public static Reconstruction of(ExperimentRun run, SignalBatch images, double upsample) {
        if (!(upsample >= 1) || !Double.isFinite(upsample)) {
            throw new IllegalArgumentException("upsample = " + upsample + " is invalid: a factor >= 1");
        }
        SignalBatch own = run.reconstruct(images, 1.0);
        SignalBatch dense = upsample > 1 ? run.reconstruct(images, upsample) : null;
        double low = run.spec().dataset().isImage() ? 0 : -1;
        return new Reconstruction(run.name(), images, own, dense, upsample, psnr(images, own, low, 1));
    }

    /** PSNR per signal, -10 log10(MSE), of {@code rec} clamped to [low, high] against {@code truth}. */
    static double[] psnr(SignalBatch truth, SignalBatch rec, double low, double high) {
        double[] out = new double[truth.count()];
        for (int i = 0; i < truth.count(); i++) {
            float[] a = truth.signal(i);
            float[] b = rec.signal(i);
            double se = 0;
            for (int k = 0; k < a.length; k++) {
                double d = a[k] - Math.min(high, Math.max(low, b[k]));
                se += d * d;
            }
            out[i] = -10 * Math.log10(se / a.length);
        }
        return out;
    }

    /** Mean PSNR over the images. */
    public double meanPsnr() {
        return java.util.Arrays.stream(psnr).average().orElse(Double.NaN);
    }
}
