package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.scene.SceneDataException;
import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.data.scene.TransformsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The step after extraction for the Learned Init authors' ShapeNet renders (the paper's Table 4 data): turns the
 * extracted archives into the layout {@link SceneFolder} reads, the one the reference code expects under
 * {@code data/learnit_shapenet}:
 * <pre>
 * ROOT/cars/ID/...    ROOT/chairs/ID/...    ROOT/lamps/ID/...    (transforms.json and r_*.png per object)
 * ROOT/car_splits.json  ROOT/chair_splits.json  ROOT/lamp_splits.json
 * </pre>
 * The release ships each category as an archive whose folder is named by its ShapeNet synset id (02958343 cars,
 * 03001627 chairs, 03636649 lamps; TransINR's instructions: "unzip the category folders and rename them"), next to
 * the three split files. This class finds those folders (by synset id or by name, up to three levels below the
 * extraction folder) and the split files, checks that every object folder has its {@code transforms.json}, and
 * moves each category into place (a copy when the extraction lies on another file system), under a temporary name
 * first, so ROOT never holds half a category. Categories not in the extraction are left out; at least one must be.
 *
 * <p>Not exercised against the real archives here (they cannot be fetched from this machine); the layout follows
 * the reference's loader and the TransINR instructions.
 */
public final class LearnitShapenetLayout {

    /** The three categories of Table 4, by folder name and ShapeNet synset id. */
    public enum Category {
        CARS("cars", "02958343"), CHAIRS("chairs", "03001627"), LAMPS("lamps", "03636649");

        private final String folder;
        private final String synset;

        Category(String folder, String synset) {
            this.folder = folder;
            this.synset = synset;
        }

        public String folder() {
            return folder;
        }

        public String synset() {
            return synset;
        }
    }

    /**
     * What was prepared.
     *
     * @param root    the prepared folder
     * @param objects object folders moved per category folder name
     */
    public record Prepared(Path root, Map<String, Integer> objects) {}

    private LearnitShapenetLayout() {}

    /**
     * Prepares {@code root} from the extracted archives in {@code extracted}.
     *
     * @throws SceneDataException naming the folder or file at fault: no category found, a split file missing or a
     *                            category already prepared in ROOT, an object folder without its pose file
     */
    public static Prepared prepare(Path extracted, Path root) throws IOException {
        Map<Category, Path> found = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            find(extracted, c).ifPresent(dir -> found.put(c, dir));
        }
        if (found.isEmpty()) {
            throw new SceneDataException(extracted, "holds no ShapeNet category folder (02958343 or cars, 03001627 or "
                    + "chairs, 03636649 or lamps) with objects that have a " + TransformsFile.NAME);
        }
        Files.createDirectories(root);
        Map<Category, Path> splits = new LinkedHashMap<>();
        for (Map.Entry<Category, Path> e : found.entrySet()) {
            splits.put(e.getKey(), checkCategory(extracted, root, e.getKey(), e.getValue()));
        }
        Map<String, Integer> objects = new LinkedHashMap<>();
        for (Map.Entry<Category, Path> e : found.entrySet()) {
            Category c = e.getKey();
            objects.put(c.folder(), objectFolders(e.getValue()).size());
            Path partial = root.resolve("." + c.folder() + ".partial");
            deleteTree(partial);
            moveOrCopy(e.getValue(), partial);
            copyAtomically(splits.get(c), root.resolve(SceneFolder.splitsFileName(c.folder())));
            Files.move(partial, root.resolve(c.folder()), StandardCopyOption.ATOMIC_MOVE);
        }
        return new Prepared(root, objects);
    }

    /** Checks one category before anything moves; returns its split file. */
    private static Path checkCategory(Path extracted, Path root, Category c, Path dir) throws IOException {
        Path target = root.resolve(c.folder());
        if (Files.exists(target)) {
            throw new SceneDataException(target, "already exists; remove it to prepare " + c.folder() + " again from "
                    + dir);
        }
        String splitsName = SceneFolder.splitsFileName(c.folder());
        Path splits = findFile(extracted, splitsName).orElseThrow(() -> new SceneDataException(
                extracted.resolve(splitsName), "is missing: the " + c.folder() + " renders come with their split "
                + "file " + splitsName + " (train/test object ids)"));
        for (Path object : objectFolders(dir)) {
            if (!Files.isRegularFile(object.resolve(TransformsFile.NAME))) {
                throw new SceneDataException(object.resolve(TransformsFile.NAME), "is missing: an extracted object "
                        + "folder of " + c.folder() + " has no pose file (is the extraction complete?)");
            }
        }
        return splits;
    }

    /** The category's folder: named by synset id or category, up to three levels down, holding object folders. */
    static Optional<Path> find(Path extracted, Category c) throws IOException {
        try (Stream<Path> s = Files.walk(extracted, 3)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().equals(c.synset())
                            || p.getFileName().toString().equals(c.folder()))
                    .filter(LearnitShapenetLayout::holdsObjects).sorted().findFirst();
        }
    }

    private static boolean holdsObjects(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p.resolve(TransformsFile.NAME)));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> findFile(Path extracted, String name) throws IOException {
        try (Stream<Path> s = Files.walk(extracted, 3)) {
            return s.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p)).sorted()
                    .findFirst();
        }
    }

    private static List<Path> objectFolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }

    private static void moveOrCopy(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) { // another file system
            try {
                copyTree(from, to);
            } catch (IOException | UncheckedIOException copyFailed) {
                deleteTree(to);
                throw copyFailed;
            }
        }
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) { // links are not followed out of the extraction
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
