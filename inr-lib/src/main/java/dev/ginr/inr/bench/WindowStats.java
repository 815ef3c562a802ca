package dev.ginr.inr.bench;

import java.util.Arrays;

/**
 * A figure measured over repeated windows (for example steps/s over ten windows of 200 steps): the median, the
 * extremes, and the spread (max - min) / median, so that a number from a noisy shared machine comes with its noise.
 *
 * @param samples one value per window, in measurement order
 */
public record WindowStats(double[] samples) {

    public WindowStats {
        if (samples.length == 0) {
            throw new IllegalArgumentException("a measurement needs at least one window");
        }
        samples = samples.clone();
    }

    public static WindowStats of(double... samples) {
        return new WindowStats(samples);
    }

    public double median() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double min() {
        return sorted()[0];
    }

    public double max() {
        return sorted()[samples.length - 1];
    }

    /** (max - min) / median, 0 for a single window. */
    public double spread() {
        double m = median();
        return m == 0 ? 0 : (max() - min()) / m;
    }

    /** The same windows scaled by {@code factor} (steps/s to instances/s, seconds to milliseconds). */
    public WindowStats times(double factor) {
        return new WindowStats(Arrays.stream(samples).map(v -> v * factor).toArray());
    }

    /** The reciprocal of every window (seconds per step to steps per second). */
    public WindowStats reciprocal() {
        return new WindowStats(Arrays.stream(samples).map(v -> 1 / v).toArray());
    }

    private double[] sorted() {
        double[] s = samples.clone();
        Arrays.sort(s);
        return s;
    }
}
