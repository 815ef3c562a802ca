package dev.ginr.inr.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts deterministic S x S "photo crops" from a photograph: square boxes of side k S at seeded positions, with
 * the zoom k drawn log-uniformly from about 1/12 of the short side up to the whole short side, each box averaged
 * down to S x S over exact k x k pixel blocks (integer arithmetic, so the same photo and seed give the same bytes
 * on every machine).
 *
 * <p>No crop is flat: a crop is kept only if EVERY channel's standard deviation is at least
 * {@value #MIN_CHANNEL_STD} (of 255). Among the first {@value #ATTEMPTS} draws the most textured acceptable one
 * (by luma deviation) is kept, stopping early at a luma deviation of {@value #MIN_LUMA_STD}, so sky-only crops do
 * not dominate; if none of them is acceptable, drawing goes on up to {@value #MAX_ATTEMPTS} times, and a crop
 * that still finds no acceptable box is left out (the caller reports the photo).
 */
public final class PhotoCropper {

    /** Smallest per-channel standard deviation (0..255) of a kept crop: 2/255 in [0, 1] units. */
    public static final double MIN_CHANNEL_STD = 2.0;
    static final double MIN_LUMA_STD = 8.0;
    static final int ATTEMPTS = 8;
    static final int MAX_ATTEMPTS = 64;
    private static final int ZOOM_RANGE = 12;

    /** A square box in source pixels. */
    public record CropBox(int x, int y, int side) {}

    /** One crop: where it came from and its S x S pixels. */
    public record Crop(CropBox box, BufferedImage image) {}

    private PhotoCropper() {}

    /** Packed {@code 0xRRGGBB} pixels of {@code img}, row-major; transparency by the one rule of {@link Images#opaque}. */
    public static int[] rgbPixels(BufferedImage img) {
        return ((DataBufferInt) Images.opaque(img).getRaster().getDataBuffer()).getData();
    }

    /**
     * Up to {@code count} crops of {@code size} x {@code size}: none if the photo's short side is below
     * {@code size}, fewer if some draws find no box that is not flat (see the class comment).
     *
     * @param rgb  packed pixels from {@link #rgbPixels}
     * @param seed drives positions and zooms; use a different seed per photo and size
     */
    public static List<Crop> crops(int[] rgb, int width, int height, int size, int count, long seed) {
        if (size < 1 || count < 0) {
            throw new IllegalArgumentException("crop size must be positive and count non-negative, got size "
                    + size + ", count " + count);
        }
        int kMax = Math.min(width, height) / size;
        List<Crop> crops = new ArrayList<>();
        if (kMax < 1) {
            return crops;
        }
        int kMin = Math.max(1, (int) Math.ceil(kMax / (double) ZOOM_RANGE));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            Crop crop = oneCrop(rgb, width, height, size, kMin, kMax, random);
            if (crop != null) {
                crops.add(crop);
            }
        }
        return crops;
    }

    private static Crop oneCrop(int[] rgb, int width, int height, int size, int kMin, int kMax,
                                SplittableRandom random) {
        int[] best = null;
        CropBox bestBox = null;
        double bestStd = -1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (best != null && (attempt >= ATTEMPTS || bestStd >= MIN_LUMA_STD)) {
                break;
            }
            double logK = Math.log(kMin) + random.nextDouble() * (Math.log(kMax) - Math.log(kMin));
            int k = Math.max(kMin, Math.min(kMax, (int) Math.round(Math.exp(logK))));
            int side = k * size;
            CropBox box = new CropBox(random.nextInt(width - side + 1), random.nextInt(height - side + 1), side);
            int[] pixels = blockAverage(rgb, width, box, size);
            double std = lumaStd(pixels);
            if (minChannelStd(pixels) >= MIN_CHANNEL_STD && std > bestStd) {
                best = pixels;
                bestBox = box;
                bestStd = std;
            }
        }
        return best == null ? null : new Crop(bestBox, toImage(best, size));
    }

    /** Each output pixel is the rounded mean of a k x k block of the box, k = side / size. */
    static int[] blockAverage(int[] rgb, int width, CropBox box, int size) {
        int k = box.side() / size;
        int area = k * k;
        int[] out = new int[size * size];
        for (int oy = 0; oy < size; oy++) {
            for (int ox = 0; ox < size; ox++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int y = box.y() + oy * k; y < box.y() + (oy + 1) * k; y++) {
                    int row = y * width + box.x() + ox * k;
                    for (int x = 0; x < k; x++) {
                        int p = rgb[row + x];
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        b += p & 0xff;
                    }
                }
                out[oy * size + ox] = (mean(r, area) << 16) | (mean(g, area) << 8) | mean(b, area);
            }
        }
        return out;
    }

    private static int mean(int sum, int area) {
        return (2 * sum + area) / (2 * area); // round half up
    }

    /** The smallest of the three channels' standard deviations (0..255) over the pixels. */
    public static double minChannelStd(int[] rgb) {
        double min = Double.MAX_VALUE;
        for (int shift = 0; shift <= 16; shift += 8) {
            double sum = 0;
            double sq = 0;
            for (int p : rgb) {
                int v = (p >> shift) & 0xff;
                sum += v;
                sq += (double) v * v;
            }
            double m = sum / rgb.length;
            min = Math.min(min, Math.sqrt(Math.max(0, sq / rgb.length - m * m)));
        }
        return min;
    }

    /** Standard deviation of luma (0..255) over the pixels. */
    static double lumaStd(int[] rgb) {
        double sum = 0;
        double sq = 0;
        for (int p : rgb) {
            double l = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
            sum += l;
            sq += l * l;
        }
        double m = sum / rgb.length;
        return Math.sqrt(Math.max(0, sq / rgb.length - m * m));
    }

    private static BufferedImage toImage(int[] rgb, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, size, size, rgb, 0, size);
        return img;
    }
}
