package dev.ginr.inr.data.scene;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A multi-view set in the layout of the Learned Init authors' ShapeNet renders, as the reference code reads it
 * ({@code LearnitShapenet}), split by object:
 * <pre>
 * ROOT/chair_splits.json            {"train": [object ids], "test": [object ids]} ("val" is ignored)
 * ROOT/chairs/ID/transforms.json    camera_angle_x and one camera-to-world matrix per view (see TransformsFile)
 * ROOT/chairs/ID/r_0.png ...        the views, RGBA over a transparent background
 * </pre>
 * The split file of category {@code C} is named after C without its final "s" ({@code cars} -> car_splits.json).
 * The ShapeNet renders and our offline set (data-scripts/build-offline-scenes.sh) have this layout. Objects listed
 * in the split file whose folder is absent are skipped and listed in {@link #missing} (the reference skips them
 * too); an object folder that exists must be complete and consistent, or loading fails naming the file.
 *
 * @param root     the set's root folder
 * @param category the category folder (chairs, cars, lamps, ...)
 * @param train    training objects, in split-file order
 * @param test     held-out objects, in split-file order
 * @param missing  ids listed in the split file without a folder
 */
public record SceneFolder(Path root, String category, List<SceneObject> train, List<SceneObject> test,
                          List<String> missing) {

    public SceneFolder {
        train = List.copyOf(train);
        test = List.copyOf(test);
        missing = List.copyOf(missing);
    }

    /** The split file of {@code category}: {@code chairs} -> {@code chair_splits.json}, as the reference names it. */
    public static String splitsFileName(String category) {
        String c = category.endsWith("s") ? category.substring(0, category.length() - 1) : category;
        return c + "_splits.json";
    }

    /**
     * Indexes {@code root/category}: reads the split file and every listed object's pose file, and checks that each
     * view's PNG exists and has its camera's size (images are decoded later, per episode).
     *
     * @throws SceneDataException naming the file at fault
     */
    public static SceneFolder load(Path root, String category) {
        Path dir = root.resolve(category);
        if (!Files.isDirectory(dir)) {
            throw new SceneDataException(dir, "is missing; expected ROOT/<category>/<object>/transforms.json with "
                    + "categories " + categories(root));
        }
        Path splitsFile = root.resolve(splitsFileName(category));
        JsonObject splits = parseSplits(splitsFile);
        List<String> trainIds = ids(splitsFile, splits, "train");
        List<String> testIds = ids(splitsFile, splits, "test");
        Set<String> both = new HashSet<>(trainIds);
        both.retainAll(testIds);
        if (!both.isEmpty()) {
            throw new SceneDataException(splitsFile, "lists objects in both train and test: " + both.stream().sorted()
                    .limit(5).toList() + "; a split must be by object");
        }
        List<String> missing = new ArrayList<>();
        List<SceneObject> train = objects(dir, trainIds, missing);
        List<SceneObject> test = objects(dir, testIds, missing);
        if (train.isEmpty()) {
            throw new SceneDataException(splitsFile, "lists no training object that exists under " + dir);
        }
        return new SceneFolder(root, category, train, test, missing);
    }

    /**
     * Checks that every object can give a scene of {@code perScene} distinct views (support plus query): training
     * objects from their views [trainFrom, trainTo) (the reference trains on views 0-24), test objects from all.
     *
     * @throws SceneDataException naming the pose file of the first object with too few views
     */
    public void requireViews(int perScene, int trainFrom, int trainTo) {
        for (SceneObject o : train) {
            int usable = Math.max(0, Math.min(trainTo, o.views().size()) - trainFrom);
            if (usable < perScene) {
                throw new SceneDataException(o.transformsFile(), "has " + usable + " views in the training range ["
                        + trainFrom + ", " + trainTo + ") but a scene needs " + perScene + " (support + query views)");
            }
        }
        for (SceneObject o : test) {
            if (o.views().size() < perScene) {
                throw new SceneDataException(o.transformsFile(), "has " + o.views().size() + " views but a scene "
                        + "needs " + perScene + " (support + query views)");
            }
        }
    }

    private static List<SceneObject> objects(Path dir, List<String> ids, List<String> missing) {
        List<SceneObject> out = new ArrayList<>();
        for (String id : ids) {
            Path folder = dir.resolve(id).normalize();
            if (!folder.startsWith(dir) || folder.equals(dir)) {
                throw new SceneDataException(folder, "is not an object folder inside " + dir + " (id '" + id + "')");
            }
            if (Files.isDirectory(folder)) {
                out.add(TransformsFile.read(id, folder));
            } else {
                missing.add(id);
            }
        }
        return out;
    }

    private static JsonObject parseSplits(Path file) {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new SceneDataException(file, "is not a JSON object with \"train\" and \"test\" lists");
            }
            return e.getAsJsonObject();
        } catch (java.nio.file.NoSuchFileException ex) {
            throw new SceneDataException(file, "is missing; it lists the \"train\" and \"test\" objects");
        } catch (IOException ex) {
            throw new SceneDataException(file, "cannot be read: " + ex.getMessage());
        } catch (JsonParseException ex) {
            throw new SceneDataException(file, "is not valid JSON: " + ex.getMessage());
        }
    }

    private static List<String> ids(Path file, JsonObject splits, String key) {
        JsonElement e = splits.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new SceneDataException(file, "has no \"" + key + "\" list of object ids");
        }
        JsonArray a = e.getAsJsonArray();
        List<String> out = new ArrayList<>(a.size());
        for (JsonElement id : a) {
            if (!id.isJsonPrimitive() || id.getAsString().isBlank()) {
                throw new SceneDataException(file, "\"" + key + "\" holds " + id + "; allowed: object folder names");
            }
            out.add(id.getAsString());
        }
        return out;
    }

    private static List<String> categories(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
