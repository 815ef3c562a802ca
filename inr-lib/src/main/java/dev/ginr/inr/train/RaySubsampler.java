package dev.ginr.inr.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which query rays of a scene a step renders (the reference's {@code RaySubSampler}, from TransINR): {@code n} rays
 * drawn uniformly without replacement, or, in the first epochs ({@code adaptive_random}), n / 2 foreground rays
 * (pixels that are not pure white: the smallest channel below 1) and n - n / 2 uniform ones, so that early steps
 * see the object rather than the white background. With fewer foreground pixels than n / 2 they are all taken and
 * topped up by repeats drawn among them, as the reference does; a view without foreground is sampled uniformly.
 * Both give min(n, R) of the R rays, so every scene of a batch renders as many.
 */
final class RaySubsampler {

    private RaySubsampler() {}

    /** {@code n} of {@code total} ray indices drawn uniformly without replacement (all when n >= total). */
    static int[] uniform(SplittableRandom random, int total, int n) {
        int[] pool = new int[total];
        for (int i = 0; i < total; i++) {
            pool[i] = i;
        }
        int take = Math.min(n, total);
        for (int k = 0; k < take; k++) { // partial Fisher-Yates
            int j = k + random.nextInt(total - k);
            int t = pool[k];
            pool[k] = pool[j];
            pool[j] = t;
        }
        return Arrays.copyOf(pool, take);
    }

    /**
     * n / 2 foreground rays and n - n / 2 uniform ones among the pixels of {@code rgb} (R rays x 3 channels,
     * channel-last, in [0, 1] over white).
     */
    static int[] foregroundHeavy(SplittableRandom random, float[] rgb, int n) {
        int total = rgb.length / 3;
        int[] foreground = foreground(rgb);
        int count = Math.min(n, total); // as many rays as uniform() gives, so every scene of a batch has as many
        if (foreground.length == 0) {
            return uniform(random, total, count);
        }
        int half = count / 2;
        int[] out = new int[count];
        int taken = Math.min(half, foreground.length);
        int[] pick = uniform(random, foreground.length, taken);
        for (int k = 0; k < taken; k++) {
            out[k] = foreground[pick[k]];
        }
        for (int k = taken; k < half; k++) {
            out[k] = foreground[random.nextInt(foreground.length)];
        }
        int[] rest = uniform(random, total, count - half);
        System.arraycopy(rest, 0, out, half, rest.length);
        return out;
    }

    /** Indices of the pixels whose smallest channel is below 1. */
    private static int[] foreground(float[] rgb) {
        int[] out = new int[rgb.length / 3];
        int count = 0;
        for (int i = 0; i < out.length; i++) {
            if (Math.min(rgb[3 * i], Math.min(rgb[3 * i + 1], rgb[3 * i + 2])) < 1f) {
                out[count++] = i;
            }
        }
        return Arrays.copyOf(out, count);
    }
}
