package dev.ginr.inr.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small generated "photos" for data tests: smooth colour fields plus seeded blobs and noise, written as PNG. */
final class SyntheticPhotos {

    private SyntheticPhotos() {}

    /** A textured width x height image; different seeds give clearly different pictures. */
    static BufferedImage photo(int width, int height, long seed) {
        Random r = new Random(seed);
        double fx = 1 + r.nextInt(6);
        double fy = 1 + r.nextInt(6);
        double phase = r.nextDouble() * 6;
        int[][] blobs = new int[6][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = new int[] {r.nextInt(width), r.nextInt(height), 5 + r.nextInt(30), r.nextInt(0xffffff)};
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (int) (127 + 120 * Math.sin(fx * x / width * 6.28 + phase) * Math.cos(fy * y / height * 6.28));
                int rgb = (v << 16) | ((255 - v) << 8) | (x * 255 / width);
                for (int[] b : blobs) {
                    if ((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]) < b[2] * b[2]) {
                        rgb = b[3];
                    }
                }
                img.setRGB(x, y, rgb ^ r.nextInt(8));
            }
        }
        return img;
    }

    /** {@code img} with every channel shifted by {@code delta} (clipped): a near-duplicate of it. */
    static BufferedImage brighter(BufferedImage img, int delta) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    rgb |= Math.min(255, ((p >> shift) & 0xff) + delta) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    static Path write(BufferedImage img, Path file) {
        Images.writePng(img, file);
        return file;
    }

    /** A file with an image name that no decoder can read. */
    static Path corrupt(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, "not an image at all".getBytes());
    }
}
