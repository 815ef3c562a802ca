package dev.ginr.inr.data;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Conversions between {@link BufferedImage}s and channel-last RGB values in [0, 1]. */
public final class Images {

    private Images() {}

    /**
     * Resizes so the shorter side is {@code size} (area averaging, good for large photos), then cuts the centre
     * {@code size} x {@code size} square.
     */
    public static BufferedImage resizeAndCenterCrop(BufferedImage src, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        double scale = (double) size / Math.min(src.getWidth(), src.getHeight());
        int w = Math.max(size, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(size, (int) Math.round(src.getHeight() * scale));
        Image scaled = src.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(scaled, -(w - size) / 2, -(h - size) / 2, null);
        g.dispose();
        return out;
    }

    /** RGB values in [0, 1], channel-last, row-major: (H W, 3) flattened. */
    public static float[] toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int o = (y * w + x) * 3;
                out[o] = ((rgb >> 16) & 0xff) / 255f;
                out[o + 1] = ((rgb >> 8) & 0xff) / 255f;
                out[o + 2] = (rgb & 0xff) / 255f;
            }
        }
        return out;
    }

    /** An image from channel-last RGB values (clipped to [0, 1]). */
    public static BufferedImage fromRgb(float[] rgb, int height, int width) {
        if (rgb.length != height * width * 3) {
            throw new IllegalArgumentException("expected " + height * width * 3 + " RGB values for " + height + " x "
                    + width + ", got " + rgb.length);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                img.setRGB(x, y, (byte8(rgb[o]) << 16) | (byte8(rgb[o + 1]) << 8) | byte8(rgb[o + 2]));
            }
        }
        return img;
    }

    private static int byte8(float v) {
        float c = Float.isNaN(v) ? 0 : Math.max(0f, Math.min(1f, v));
        return Math.round(c * 255f);
    }

    /**
     * Writes a PNG atomically (a temporary file beside it, then a rename), creating parent folders; the file gets the
     * usual mode of new files (0644 under umask 022).
     */
    public static void writePng(BufferedImage img, Path file) {
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".partial");
            try {
                if (!ImageIO.write(img, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer available");
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
