package dev.ginr.inr.bench;

import dev.ginr.inr.data.SignalBatch;

import java.util.Random;

/**
 * Seeded synthetic RGB images for the benchmark: each image is a sum of three random plane waves per channel plus a
 * little noise, in [0, 1], channel-last (n, side side, 3). Throughput and memory depend only on shapes, so the
 * benchmark uses these rather than needing a data folder; the values are image-like so that losses stay finite and
 * meta-learning inner steps behave as on photos.
 */
public final class SyntheticImages {

    private SyntheticImages() {}

    /** {@code count} images of {@code side} x {@code side} pixels. */
    public static SignalBatch create(int count, int side, long seed) {
        Random rnd = new Random(seed);
        int points = side * side;
        float[] values = new float[count * points * 3];
        int at = 0;
        for (int n = 0; n < count; n++) {
            double[][] waves = new double[3][9]; // per channel: 3 x (frequency x, frequency y, phase)
            for (double[] w : waves) {
                for (int j = 0; j < w.length; j++) {
                    w[j] = j % 3 == 2 ? rnd.nextDouble() * 2 * Math.PI : rnd.nextGaussian() * 3;
                }
            }
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double u = (double) x / side;
                    double v = (double) y / side;
                    for (int c = 0; c < 3; c++) {
                        double s = 0.5;
                        for (int k = 0; k < 3; k++) {
                            s += 0.12 * Math.sin(waves[c][3 * k] * u * Math.PI + waves[c][3 * k + 1] * v * Math.PI
                                    + waves[c][3 * k + 2]);
                        }
                        s += 0.02 * rnd.nextGaussian();
                        values[at++] = (float) Math.min(1, Math.max(0, s));
                    }
                }
            }
        }
        return new SignalBatch(values, count, new int[] {side, side}, 3);
    }
}
