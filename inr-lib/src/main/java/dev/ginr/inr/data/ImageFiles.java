package dev.ginr.inr.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The image files under a folder (PNG/JPEG by extension, recursively, following symbolic links, in sorted path
 * order), with what the listing had to leave out: subfolders that cannot be read (no permission, a symbolic-link
 * loop) are skipped and counted, never fatal, and subfolders that ginr wrote its own output into (marked with
 * {@link #OUTPUT_MARKER}, e.g. by {@code ginr reconstruct}) are ignored, so reconstructions written inside a data
 * folder are never read back as training data. The folder given itself is always read, marked or not.
 *
 * @param files             image files, sorted
 * @param unreadableFolders subfolders that could not be listed
 * @param outputFolders     subfolders holding ginr's output, not read
 */
public record ImageFiles(List<Path> files, List<Path> unreadableFolders, List<Path> outputFolders) {

    /** The file that marks a folder as ginr's output (its content says so in words). */
    public static final String OUTPUT_MARKER = ".ginr-output";

    public ImageFiles {
        files = List.copyOf(files);
        unreadableFolders = List.copyOf(unreadableFolders);
        outputFolders = List.copyOf(outputFolders);
    }

    /**
     * Lists {@code dir}.
     *
     * @throws IllegalArgumentException if {@code dir} does not exist, is not a folder or cannot be read
     */
    public static ImageFiles scan(Path dir) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("image folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("image folder " + dir + " is a file, not a folder");
        }
        if (!Files.isReadable(dir)) {
            throw new IllegalArgumentException("image folder " + dir + " cannot be read (permission denied)");
        }
        Lister lister = new Lister(dir);
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, lister);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        lister.files.sort(null);
        lister.unreadable.sort(null);
        lister.outputs.sort(null);
        return new ImageFiles(lister.files, lister.unreadable, lister.outputs);
    }

    /** Collects image files, folders that cannot be listed and marked output folders below {@code root}. */
    private static final class Lister extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<Path> files = new ArrayList<>();
        private final List<Path> unreadable = new ArrayList<>();
        private final List<Path> outputs = new ArrayList<>();

        Lister(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            if (!d.equals(root) && Files.exists(d.resolve(OUTPUT_MARKER))) {
                outputs.add(d);
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && isImageName(f)) {
                files.add(f);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
            if (isImageName(f)) {
                files.add(f); // e.g. a dangling link: decoding fails and counts it as unreadable
            } else {
                unreadable.add(f); // no permission, a symbolic-link loop
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) {
            if (e != null) {
                unreadable.add(d); // listing broke off part-way
            }
            return FileVisitResult.CONTINUE;
        }
    }

    /**
     * Marks {@code dir} (created if missing) as ginr's output, so that image folders containing it skip it.
     *
     * @param writer what writes there, e.g. "ginr reconstruct"
     */
    public static void markAsOutput(Path dir, String writer) {
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(OUTPUT_MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "Written by " + writer + ". ginr does not read images from a folder that "
                        + "holds this file when it lists a data folder above it.\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean isImageName(Path p) {
        Path name = p.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
