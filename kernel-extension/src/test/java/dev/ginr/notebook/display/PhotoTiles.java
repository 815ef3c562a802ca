package dev.ginr.notebook.display;

import dev.ginr.inr.data.CropManifest;
import dev.ginr.inr.data.PhotoCropper;
import dev.ginr.inr.data.PhotoSourceList;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks on pictures that notebooks show: cuts a strip ({@link ImageGrids#strip}) back into its tiles, tells blank
 * tiles from pictures, and matches tiles with the offline photo set's crops and their manifest rows.
 */
public final class PhotoTiles {

    /** A tile is blank when one of its channels varies by less than this (of 255): the offline set's own rule. */
    public static final double MIN_CHANNEL_STD = PhotoCropper.MIN_CHANNEL_STD;

    private PhotoTiles() {}

    /** The {@code count} square tiles of a strip drawn by {@link ImageGrids#strip}, left to right. */
    public static List<BufferedImage> tiles(BufferedImage strip, int count) {
        int tile = strip.getHeight();
        int gap = count > 1 ? (strip.getWidth() - count * tile) / (count - 1) : 0;
        if (tile < 1 || count * tile + (count - 1) * gap != strip.getWidth()) {
            throw new AssertionError("a strip of " + count + " square tiles cannot be " + strip.getWidth() + " x "
                    + strip.getHeight() + " pixels");
        }
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(strip.getSubimage(i * (tile + gap), 0, tile, tile));
        }
        return out;
    }

    /** The smallest per-channel standard deviation (0..255) of the image. */
    public static double minChannelStd(BufferedImage img) {
        return PhotoCropper.minChannelStd(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
    }

    /** {@code tile} sampled down to {@code side} x {@code side} at the centre of each enlarged pixel. */
    public static int[] sampled(BufferedImage tile, int side) {
        int[] px = new int[side * side];
        double scale = tile.getWidth() / (double) side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                px[y * side + x] = tile.getRGB((int) ((x + 0.5) * scale), (int) ((y + 0.5) * scale)) & 0xffffff;
            }
        }
        return px;
    }

    /** PSNR (dB) between two enlarged tiles of {@code side} x {@code side} images, from their 8-bit pixels. */
    public static double psnr(BufferedImage truth, BufferedImage rec, int side) {
        int[] a = sampled(truth, side);
        int[] b = sampled(rec, side);
        double se = 0;
        for (int p = 0; p < a.length; p++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                double d = (((a[p] >> shift) & 0xff) - ((b[p] >> shift) & 0xff)) / 255.0;
                se += d * d;
            }
        }
        return -10 * Math.log10(se / (a.length * 3));
    }

    /** The manifest rows of the offline set at {@code setRoot}, by file path relative to it. */
    public static Map<String, CropManifest.Row> manifest(Path setRoot) {
        Path file = setRoot.resolve("manifest.tsv");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no offline photo set at " + setRoot
                    + ": run bash data-scripts/build-offline-photos.sh (the README's test command does)");
        }
        return CropManifest.read(file).stream().collect(Collectors.toMap(CropManifest.Row::file, Function.identity()));
    }

    /** The packages of the shipped photo source list. */
    public static Set<String> photoPackages() {
        return Set.copyOf(PhotoSourceList.shipped().packages());
    }
}
