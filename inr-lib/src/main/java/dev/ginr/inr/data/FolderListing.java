package dev.ginr.inr.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The data files of one kind under a folder (chosen by name, recursively, following symbolic links, in sorted path
 * order), with what the listing had to leave out: subfolders that cannot be read (no permission, a symbolic-link
 * loop) are skipped and counted, never fatal, and subfolders that ginr wrote its own output into (marked with
 * {@link ImageFiles#OUTPUT_MARKER}, e.g. by {@code ginr reconstruct}) are ignored, so reconstructions written inside
 * a data folder are never read back as training data. The folder given itself is always read, marked or not.
 * Images ({@link ImageFiles}) and audio clips ({@code AudioClipFolder}) are listed this way.
 *
 * @param files             data files, sorted
 * @param unreadableFolders subfolders that could not be listed
 * @param outputFolders     subfolders holding ginr's output, not read
 */
public record FolderListing(List<Path> files, List<Path> unreadableFolders, List<Path> outputFolders) {

    public FolderListing {
        files = List.copyOf(files);
        unreadableFolders = List.copyOf(unreadableFolders);
        outputFolders = List.copyOf(outputFolders);
    }

    /**
     * Lists the files under {@code dir} whose path {@code isDataFile} accepts.
     *
     * @param what what the folder holds, for messages ("image folder", "audio folder")
     * @throws IllegalArgumentException if {@code dir} does not exist, is not a folder or cannot be read
     */
    public static FolderListing scan(Path dir, Predicate<Path> isDataFile, String what) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(what + " " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " " + dir + " is a file, not a folder");
        }
        if (!Files.isReadable(dir)) {
            throw new IllegalArgumentException(what + " " + dir + " cannot be read (permission denied)");
        }
        Lister lister = new Lister(dir, isDataFile);
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, lister);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        lister.files.sort(null);
        lister.unreadable.sort(null);
        lister.outputs.sort(null);
        return new FolderListing(lister.files, lister.unreadable, lister.outputs);
    }

    /** ", skipped 1 unreadable folder (x), ignored 1 folder of ginr output (y)", or "" when nothing was left out. */
    public String leftOut() {
        String s = "";
        if (!unreadableFolders.isEmpty()) {
            s += ", skipped " + unreadableFolders.size() + " unreadable folder" + (unreadableFolders.size() == 1 ? ""
                    : "s") + " (" + unreadableFolders.get(0) + (unreadableFolders.size() > 1 ? ", ..." : "") + ")";
        }
        if (!outputFolders.isEmpty()) {
            s += ", ignored " + outputFolders.size() + " folder" + (outputFolders.size() == 1 ? "" : "s")
                    + " of ginr output (" + outputFolders.get(0) + (outputFolders.size() > 1 ? ", ..." : "") + ")";
        }
        return s;
    }

    /** Collects data files, folders that cannot be listed and marked output folders below {@code root}. */
    private static final class Lister extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Predicate<Path> isDataFile;
        private final List<Path> files = new ArrayList<>();
        private final List<Path> unreadable = new ArrayList<>();
        private final List<Path> outputs = new ArrayList<>();

        Lister(Path root, Predicate<Path> isDataFile) {
            this.root = root;
            this.isDataFile = isDataFile;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            if (!d.equals(root) && Files.exists(d.resolve(ImageFiles.OUTPUT_MARKER))) {
                outputs.add(d);
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && isDataFile.test(f)) {
                files.add(f);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
            if (isDataFile.test(f)) {
                files.add(f); // e.g. a dangling link: reading fails and counts it as unreadable
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
}
