package dev.ginr.inr.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A folder of images (PNG/JPEG, searched recursively, in sorted path order; see {@link ImageFiles}), each resized and
 * centre-cropped to S x S, as RGB in [0, 1]. Files that cannot be decoded completely (corrupt, or truncated: a JPEG
 * decoder fills a truncated image's missing part with grey and only warns) are skipped and counted, never fatal;
 * so are subfolders that cannot be read; subfolders of ginr's own output are ignored. A folder can be split into
 * train and test by a seeded ratio or by a list of test files, and loaded through an on-disk
 * {@link ImageFolderCache} so that a second load at the same size skips decoding.
 *
 * @param files          the images that were read, in batch order
 * @param images         the images as a batch (B, S S, 3)
 * @param skipped        files with an image extension that could not be decoded
 * @param skippedFolders subfolders that could not be read
 * @param ignoredFolders subfolders of ginr's output, not read ({@link ImageFiles#OUTPUT_MARKER})
 */
public record ImageFolder(List<Path> files, SignalBatch images, List<Path> skipped, List<Path> skippedFolders,
                          List<Path> ignoredFolders) implements SignalFolder {

    public ImageFolder {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
        skippedFolders = List.copyOf(skippedFolders);
        ignoredFolders = List.copyOf(ignoredFolders);
    }

    /** Images read from a list of files (no folder was listed). */
    public ImageFolder(List<Path> files, SignalBatch images, List<Path> skipped) {
        this(files, images, skipped, List.of(), List.of());
    }

    /** The images, (B, S S, 3). */
    @Override
    public SignalBatch signals() {
        return images;
    }

    @Override
    public ImageFolder first(int n) {
        if (n == 0 || n >= files.size()) {
            return this;
        }
        return new ImageFolder(files.subList(0, n), images.slice(0, n), skipped, skippedFolders, ignoredFolders);
    }

    /** The same images, with what listing their folder left out. */
    public ImageFolder withListing(ImageFiles listing) {
        return new ImageFolder(files, images, skipped, listing.unreadableFolders(), listing.outputFolders());
    }

    /** Loads every image under {@code dir} at {@code size} x {@code size}. */
    public static ImageFolder load(Path dir, int size) {
        return load(dir, size, Integer.MAX_VALUE);
    }

    /** Loads at most {@code limit} images (the first in sorted order). */
    public static ImageFolder load(Path dir, int size, int limit) {
        ImageFiles listing = ImageFiles.scan(dir);
        return load(listing.files(), size, limit).withListing(listing);
    }

    /**
     * Loads every image under {@code dir} through the tensor cache in {@code cacheDir}: the first load decodes and
     * writes the cache, later loads of an unchanged folder at the same size read it back.
     */
    public static ImageFolder load(Path dir, int size, int limit, Path cacheDir) {
        ImageFiles listing = ImageFiles.scan(dir);
        return ImageFolderCache.load(listing.files(), size, limit, cacheDir).withListing(listing);
    }

    /** A folder loaded as two disjoint parts. */
    public record Split(ImageFolder train, ImageFolder test) {}

    /** Loads both parts of {@code split} at {@code size} x {@code size}. */
    public static Split load(TrainTestSplit<Path> split, int size) {
        return new Split(load(split.train(), size, Integer.MAX_VALUE), load(split.test(), size, Integer.MAX_VALUE));
    }

    /** Splits the images under {@code dir} by a seeded shuffle: {@code round(n * testFraction)} go to test. */
    public static TrainTestSplit<Path> splitByRatio(Path dir, double testFraction, long seed) {
        return TrainTestSplit.byRatio(list(dir), testFraction, seed);
    }

    /**
     * Splits the images under {@code dir} by a text file naming the test images, one path relative to {@code dir}
     * per line (blank lines and lines starting with # are ignored); every other image is for training.
     *
     * @throws IllegalArgumentException if a listed file is not an image under {@code dir}
     */
    public static TrainTestSplit<Path> splitByList(Path dir, Path testList) {
        List<Path> files = list(dir);
        Map<Path, Path> byNormalPath = new HashMap<>();
        files.forEach(f -> byNormalPath.put(f.toAbsolutePath().normalize(), f));
        List<Path> test = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(testList, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("test list " + testList + " cannot be read: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path p = byNormalPath.get(dir.resolve(line).toAbsolutePath().normalize());
            if (p == null) {
                throw new IllegalArgumentException("test list " + testList + " line " + (i + 1) + " names " + line
                        + ", which is not an image (.png/.jpg/.jpeg) under " + dir);
            }
            test.add(p);
        }
        return TrainTestSplit.byMembership(files, test);
    }

    /** Loads the given image files at {@code size} x {@code size}. */
    public static ImageFolder load(List<Path> candidates, int size, int limit) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        List<Path> ok = new ArrayList<>();
        List<Path> bad = new ArrayList<>();
        List<float[]> pixels = new ArrayList<>();
        for (Path f : candidates) {
            if (ok.size() >= limit) {
                break;
            }
            BufferedImage img = read(f);
            if (img == null) {
                bad.add(f);
                continue;
            }
            ok.add(f);
            pixels.add(Images.toRgb(Images.resizeAndCenterCrop(img, size)));
        }
        int n = size * size * 3;
        float[] all = new float[pixels.size() * n];
        for (int i = 0; i < pixels.size(); i++) {
            System.arraycopy(pixels.get(i), 0, all, i * n, n);
        }
        return new ImageFolder(ok, new SignalBatch(all, ok.size(), new int[] {size, size}, 3), bad);
    }

    /** Image files (by extension) under {@code dir}, recursively, sorted; see {@link ImageFiles#scan}. */
    public static List<Path> list(Path dir) {
        return ImageFiles.scan(dir).files();
    }

    static boolean isImageName(Path p) {
        return ImageFiles.isImageName(p);
    }

    /** The image, or null when it cannot be decoded completely (the decoder failed, or warned: truncated data). */
    private static BufferedImage read(Path f) {
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                boolean[] warned = {false};
                reader.addIIOReadWarningListener((source, warning) -> warned[0] = true);
                reader.setInput(in, true, true);
                BufferedImage img = reader.read(0);
                return warned[0] ? null : img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // undecodable: counted by the caller
        }
    }

    /** A short report such as "read 8 images, skipped 1 unreadable file, skipped 1 unreadable folder". */
    @Override
    public String summary() {
        String s = "read " + files.size() + " image" + (files.size() == 1 ? "" : "s");
        if (!skipped.isEmpty()) {
            s += ", skipped " + skipped.size() + " unreadable file" + (skipped.size() == 1 ? "" : "s");
        }
        if (!skippedFolders.isEmpty()) {
            s += ", skipped " + skippedFolders.size() + " unreadable folder" + (skippedFolders.size() == 1 ? "" : "s")
                    + " (" + skippedFolders.get(0) + (skippedFolders.size() > 1 ? ", ..." : "") + ")";
        }
        if (!ignoredFolders.isEmpty()) {
            s += ", ignored " + ignoredFolders.size() + " folder" + (ignoredFolders.size() == 1 ? "" : "s")
                    + " of ginr output (" + ignoredFolders.get(0) + (ignoredFolders.size() > 1 ? ", ..." : "") + ")";
        }
        return s;
    }
}
