package dev.ginr.inr.data;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Conversions between {@link BufferedImage}s and channel-last RGB values in [0, 1].
 *
 * <p>Transparency has ONE rule everywhere (the offline set's builder, every loader): a pixel with alpha a is
 * composed over white, c' = a c + (1 - a) 255. See {@link #opaque}.
 */
public final class Images {

    /** The colour transparent pixels are composed over. */
    public static final Color TRANSPARENT_BACKGROUND = Color.WHITE;

    private Images() {}

    /** {@code img} as opaque RGB: transparent pixels composed over {@link #TRANSPARENT_BACKGROUND}. */
    public static BufferedImage opaque(BufferedImage img) {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(TRANSPARENT_BACKGROUND);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * Resizes so the shorter side is {@code size} (area averaging, good for large photos), then cuts the centre
     * {@code size} x {@code size} square. Transparency is resolved first, by the rule of {@link #opaque}.
     */
    public static BufferedImage resizeAndCenterCrop(BufferedImage image, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        BufferedImage src = image.getColorModel().hasAlpha() ? opaque(image) : image;
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

    /** RGB values in [0, 1], channel-last, row-major: (H W, 3) flattened; transparency as in {@link #opaque}. */
    public static float[] toRgb(BufferedImage image) {
        BufferedImage img = image.getColorModel().hasAlpha() ? opaque(image) : image;
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
        writeAtomically(pngBytes(img), file);
    }

    /** The PNG encoding of {@code img} (the same image gives the same bytes). */
    public static byte[] pngBytes(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} atomically (temporary file in the same folder, then rename), creating parent folders. */
    public static void writeAtomically(byte[] bytes, Path file) {
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".partial");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
