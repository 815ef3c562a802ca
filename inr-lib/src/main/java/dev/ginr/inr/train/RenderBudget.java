package dev.ginr.inr.train;

import dev.ginr.inr.config.HyponetConfig;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an (upsampled) reconstruction costs, checked before any of it is made. The engine side is bounded by
 * rendering the query grid in chunks of points (the hyponet is applied point by point, so a chunked render equals a
 * whole one); the host side holds every rendered value as a float in the Java heap, so the number of values must fit
 * in one Java array and, with a margin for writing images from them, in the heap that is free now.
 */
final class RenderBudget {

    /** Engine bytes aimed at for one chunk's activations. */
    private static final long CHUNK_BYTES = 256L << 20;
    /** Activations alive at once per point and hidden unit during a forward pass (pre-activation, output, copies). */
    private static final int LIVE_ACTIVATIONS = 4;
    /**
     * Heap bytes per rendered point besides the batch's floats: the query coordinates, and for writing one image a
     * float copy and an ARGB pixel.
     */
    private static final int IMAGE_BYTES_PER_POINT = 28;

    private RenderBudget() {}

    /** Points rendered per engine call for a batch of {@code batch} signals. */
    static int pointsPerChunk(HyponetConfig hyponet, int batch) {
        int width = 1;
        for (int i = 0; i < hyponet.nLayer(); i++) {
            width = Math.max(width, Math.max(hyponet.fanIn(i), hyponet.fanOut(i)));
        }
        long perPoint = (long) batch * width * Float.BYTES * LIVE_ACTIVATIONS;
        return (int) Math.max(1024, Math.min(Integer.MAX_VALUE, CHUNK_BYTES / perPoint));
    }

    /**
     * Fails with a message naming the ratio, the size and the largest ratio that fits when {@code count} signals
     * rendered at {@code grid} (the upsampled axes) with {@code channels} values per point do not fit.
     */
    static void checkHost(int count, int[] grid, int channels, double upsample, int[] ownGrid) {
        double values = (double) count * points(grid) * channels;
        double bytes = values * Float.BYTES + points(grid) * IMAGE_BYTES_PER_POINT;
        double free = freeHeap(bytes);
        if (values <= Integer.MAX_VALUE - 8 && bytes <= 0.8 * free) {
            return;
        }
        double limit = Math.min(0.8 * free, (Integer.MAX_VALUE - 8.0) * Float.BYTES);
        double scale = Math.pow(limit / bytes, 1.0 / grid.length); // values grow as upsample^d
        double exact = upsample * scale;
        double most = exact >= 2 ? Math.floor(exact) : Math.floor(exact * 100) / 100;
        throw new IllegalArgumentException(String.format(Locale.ROOT, "upsample %s would render %d image%s of %s "
                        + "(about %s in memory); this JVM has about %s of heap free (maximum %s), so at most "
                        + "upsample %s for %d image%s of %s here: render fewer images at once, or give Java more heap "
                        + "(-Xmx)",
                number(upsample), count, count == 1 ? "" : "s", size(grid), gb(bytes), gb(free),
                gb(Runtime.getRuntime().maxMemory()), most < 1 ? "below 1" : number(most), count,
                count == 1 ? "" : "s", size(ownGrid)));
    }

    private static double freeHeap(double needed) {
        Runtime rt = Runtime.getRuntime();
        double free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (needed > 0.8 * free) {
            System.gc(); // garbage not yet collected is free too: count it before refusing
            free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        return free;
    }

    private static double points(int[] grid) {
        return Arrays.stream(grid).asDoubleStream().reduce(1, (a, b) -> a * b);
    }

    private static String size(int[] grid) {
        return Arrays.stream(grid).mapToObj(Integer::toString).reduce((a, b) -> a + "x" + b).orElse("");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String gb(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
