package dev.ginr.inr.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The image files under a folder (PNG/JPEG by extension; listed by {@link FolderListing}: recursively, following
 * symbolic links, in sorted path order), with what the listing had to leave out: subfolders that cannot be read are
 * skipped and counted, and subfolders that ginr wrote its own output into (marked with {@link #OUTPUT_MARKER}, e.g.
 * by {@code ginr reconstruct}) are ignored, so reconstructions written inside a data folder are never read back as
 * training data.
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
     * Lists {@code dir} ({@link FolderListing#scan}).
     *
     * @throws IllegalArgumentException if {@code dir} does not exist, is not a folder or cannot be read
     */
    public static ImageFiles scan(Path dir) {
        FolderListing l = FolderListing.scan(dir, ImageFiles::isImageName, "image folder");
        return new ImageFiles(l.files(), l.unreadableFolders(), l.outputFolders());
    }

    /**
     * Marks {@code dir} (created if missing) as ginr's output, so that data folders containing it skip it.
     *
     * @param writer what writes there, e.g. "ginr reconstruct"
     */
    public static void markAsOutput(Path dir, String writer) {
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(OUTPUT_MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "Written by " + writer + ". ginr does not read images or audio clips from a "
                        + "folder that holds this file when it lists a data folder above it.\n", StandardCharsets.UTF_8);
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
