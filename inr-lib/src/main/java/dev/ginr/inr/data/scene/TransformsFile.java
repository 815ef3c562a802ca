package dev.ginr.inr.data.scene;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.ginr.inr.render.Camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one object's {@code transforms.json}, the pose file of the Learned Init authors' ShapeNet renders (NeRF's
 * Blender format), into its views:
 * <pre>
 * {"camera_angle_x": 0.69,                 horizontal field of view in radians, shared by all views
 *  "w": 64, "h": 64,                       optional image size (written by our offline set; checked when present)
 *  "frames": [{"file_path": "./r_0",       the view's image is the base name plus ".png", in the object's folder
 *              "transform_matrix": [[..4], [..4], [..4], [0, 0, 0, 1]]}, ...]}   camera-to-world, rows first
 * </pre>
 * The matrix follows the {@link Camera} convention. Every view's PNG must exist and have the size of the first
 * view (and of "w" x "h" when given); the focal length is W / 2 / tan(camera_angle_x / 2).
 */
public final class TransformsFile {

    /** The pose file's name inside an object folder. */
    public static final String NAME = "transforms.json";
    /** Largest accepted deviation of a pose's rotation from orthonormal (Blender writes them to float precision). */
    static final double ORTHONORMAL_TOLERANCE = 1e-3;

    private TransformsFile() {}

    /**
     * The views of the object in {@code folder}.
     *
     * @throws SceneDataException naming the file when the pose file is missing or malformed, or a view's image is
     *                            missing, not a PNG, or of another size than its camera
     */
    public static SceneObject read(String id, Path folder) {
        Path file = folder.resolve(NAME);
        JsonObject root = parse(file);
        double angle = number(file, root, "camera_angle_x");
        if (!(angle > 0 && angle < Math.PI)) {
            throw new SceneDataException(file, "camera_angle_x = " + angle + " is invalid; allowed: (0, pi) radians");
        }
        JsonElement frames = root.get("frames");
        if (frames == null || !frames.isJsonArray() || frames.getAsJsonArray().isEmpty()) {
            throw new SceneDataException(file, "has no \"frames\" list of views");
        }
        int[] declared = {optionalInt(file, root, "w"), optionalInt(file, root, "h")};
        List<SceneView> views = new ArrayList<>();
        PngSize first = null;
        JsonArray list = frames.getAsJsonArray();
        for (int k = 0; k < list.size(); k++) {
            String where = "frames[" + k + "]";
            if (!list.get(k).isJsonObject()) {
                throw new SceneDataException(file, where + " is not an object with file_path and transform_matrix");
            }
            JsonObject frame = list.get(k).getAsJsonObject();
            Path image = folder.resolve(imageName(file, frame, where));
            PngSize size = PngSize.of(image);
            first = first == null ? size : first;
            checkSize(file, image, size, first, declared, views.isEmpty() ? null : views.get(0).image());
            double[][] matrix = matrix(file, frame, where);
            Camera camera = Camera.fromFieldOfView(matrix, angle, size.width(), size.height());
            if (camera.orthonormalityError() > ORTHONORMAL_TOLERANCE) {
                throw new SceneDataException(file, where + ".transform_matrix has a rotation that is not orthonormal "
                        + "(R^T R differs from I by " + String.format("%.3g", camera.orthonormalityError())
                        + "); allowed: a camera-to-world matrix [R | t; 0 0 0 1]");
            }
            views.add(new SceneView(image, camera));
        }
        return new SceneObject(id, folder, views);
    }

    /**
     * Writes {@code folder/transforms.json} for views {@code names} (base names without ".png") seen by
     * {@code cameras}, which must share one square size and focal length; written to a temporary file, then
     * renamed, so a reader never sees half a file.
     */
    public static void write(Path folder, List<String> names, List<Camera> cameras) throws IOException {
        Camera first = cameras.get(0);
        JsonObject root = new JsonObject();
        root.addProperty("camera_angle_x", first.cameraAngleX());
        root.addProperty("w", first.width());
        root.addProperty("h", first.height());
        JsonArray frames = new JsonArray();
        for (int k = 0; k < cameras.size(); k++) {
            Camera c = cameras.get(k);
            if (c.width() != first.width() || c.height() != first.height() || c.focal() != first.focal()) {
                throw new IllegalArgumentException("the views of one object share a camera size and focal length: "
                        + names.get(k) + " differs from " + names.get(0));
            }
            JsonObject frame = new JsonObject();
            frame.addProperty("file_path", "./" + names.get(k));
            double[] p = c.pose();
            JsonArray rows = new JsonArray();
            for (int r = 0; r < 4; r++) {
                JsonArray row = new JsonArray();
                for (int col = 0; col < 4; col++) {
                    row.add(r < 3 ? p[4 * r + col] : (col == 3 ? 1.0 : 0.0));
                }
                rows.add(row);
            }
            frame.add("transform_matrix", rows);
            frames.add(frame);
        }
        root.add("frames", frames);
        Path tmp = folder.resolve("." + NAME + ".tmp");
        Files.writeString(tmp, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(root),
                StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve(NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonObject parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SceneDataException(file, "is missing: every object folder needs its pose file " + NAME);
        } catch (IOException e) {
            throw new SceneDataException(file, "cannot be read: " + e.getMessage());
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new SceneDataException(file, "is not a JSON object with camera_angle_x and frames");
            }
            return root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new SceneDataException(file, "is not valid JSON: " + e.getMessage());
        }
    }

    private static String imageName(Path file, JsonObject frame, String where) {
        JsonElement p = frame.get("file_path");
        if (p == null || !p.isJsonPrimitive() || p.getAsString().isBlank()) {
            throw new SceneDataException(file, where + ".file_path is missing; allowed: a view name such as ./r_0");
        }
        String base = Path.of(p.getAsString()).getFileName().toString();
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? base : base + ".png";
    }

    private static double[][] matrix(Path file, JsonObject frame, String where) {
        String allowed = "; allowed: 4 rows of 4 numbers (or 3 rows), the camera-to-world matrix";
        JsonElement m = frame.get("transform_matrix");
        if (m == null || !m.isJsonArray() || m.getAsJsonArray().size() < 3 || m.getAsJsonArray().size() > 4) {
            throw new SceneDataException(file, where + ".transform_matrix is missing or has the wrong number of rows"
                    + allowed);
        }
        JsonArray rows = m.getAsJsonArray();
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            out[r] = row(file, rows.get(r), where + ".transform_matrix[" + r + "]", allowed);
        }
        if (out.length == 4 && (Math.abs(out[3][0]) + Math.abs(out[3][1]) + Math.abs(out[3][2])
                + Math.abs(out[3][3] - 1) > 1e-6)) {
            throw new SceneDataException(file, where + ".transform_matrix has last row "
                    + java.util.Arrays.toString(out[3]) + "; allowed: [0, 0, 0, 1]");
        }
        return out;
    }

    private static double[] row(Path file, JsonElement e, String where, String allowed) {
        if (!e.isJsonArray() || e.getAsJsonArray().size() != 4) {
            throw new SceneDataException(file, where + " is not a row of 4 numbers" + allowed);
        }
        double[] row = new double[4];
        for (int c = 0; c < 4; c++) {
            JsonElement v = e.getAsJsonArray().get(c);
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || !Double.isFinite(v.getAsDouble())) {
                throw new SceneDataException(file, where + "[" + c + "] = " + v + " is not a finite number" + allowed);
            }
            row[c] = v.getAsDouble();
        }
        return row;
    }

    private static void checkSize(Path file, Path image, PngSize size, PngSize first, int[] declared, Path firstImage) {
        if (declared[0] > 0 && (size.width() != declared[0] || size.height() != declared[1])) {
            throw new SceneDataException(image, "is " + size.width() + " x " + size.height() + " pixels but its camera"
                    + " in " + file + " is " + declared[0] + " x " + declared[1]);
        }
        if (!size.equals(first)) {
            throw new SceneDataException(image, "is " + size.width() + " x " + size.height() + " pixels but the views"
                    + " of one object share a camera size: " + firstImage.getFileName() + " is " + first.width()
                    + " x " + first.height());
        }
        if (size.width() != size.height()) {
            throw new SceneDataException(image, "is " + size.width() + " x " + size.height()
                    + " pixels; allowed: square views, as the reference's loader requires");
        }
    }

    private static double number(Path file, JsonObject root, String key) {
        JsonElement v = root.get(key);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new SceneDataException(file, key + " is missing or not a number; allowed: the horizontal field of "
                    + "view in radians");
        }
        return v.getAsDouble();
    }

    private static int optionalInt(Path file, JsonObject root, String key) {
        JsonElement v = root.get(key);
        if (v == null) {
            return 0;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || v.getAsDouble() < 1
                || v.getAsDouble() != Math.rint(v.getAsDouble())) {
            throw new SceneDataException(file, key + " = " + v + " is invalid; allowed: a positive number of pixels");
        }
        return v.getAsInt();
    }
}
