package dev.ginr.inr.data.prepare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ginr.inr.render.Camera;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks one rendered object before it joins the set: that our camera model and Blender's agree, and that every
 * view shows the object.
 * <ul>
 *   <li><b>Poses.</b> Blender reports where its own camera model ({@code world_to_camera_view}) puts the object's
 *       bounding-box centre and 8 corners in every view; {@link Camera#project} must put them at the same pixel
 *       (within {@link #MAX_REPROJECTION_PX}).</li>
 *   <li><b>Silhouettes.</b> What Blender drew (the pixels with alpha > 0) must lie inside the box spanned by the
 *       projected corners (within {@link #MAX_OVERFLOW_PX}), and the projected centre inside the drawn extent.</li>
 *   <li><b>Not blank.</b> In every view, composited over white as the loader does, at least {@link #MIN_VISIBLE}
 *       of the pixels are visibly darker than the background (some channel below 1 - {@link #VISIBLE_CONTRAST}):
 *       a white chair seen from a side where it is white on white is a blank view to a model.</li>
 * </ul>
 *
 * @param reprojectionPx largest distance between our projection and Blender's, in pixels
 * @param overflowPx     largest distance by which a silhouette leaves the projected bounding box, in pixels
 * @param minVisible     the smallest visible fraction over the views
 * @param problem        why the object is left out, or null when it passed
 */
public record RenderCheck(double reprojectionPx, double overflowPx, double minVisible, String problem) {

    static final double MAX_REPROJECTION_PX = 0.01;
    /**
     * The scene script renders with a 1-pixel box filter: a pixel with any coverage overlaps the object, so the
     * drawn extent (pixel edges) exceeds the true outline by less than one pixel.
     */
    static final double MAX_OVERFLOW_PX = 1.0;
    static final double MIN_VISIBLE = 0.005;
    static final double VISIBLE_CONTRAST = 0.1;

    public boolean passed() {
        return problem == null;
    }

    /** Checks the renders {@code pngs} of {@code cameras} against Blender's report {@code result}. */
    public static RenderCheck of(Path result, List<Camera> cameras, List<Path> pngs) throws IOException {
        if (!Files.isRegularFile(result)) {
            return new RenderCheck(Double.NaN, Double.NaN, 0, "Blender wrote no result (see its log)");
        }
        JsonObject r = JsonParser.parseString(Files.readString(result, StandardCharsets.UTF_8)).getAsJsonObject();
        if (r.has("error")) {
            return new RenderCheck(Double.NaN, Double.NaN, 0, "Blender: " + r.get("error").getAsString());
        }
        double[][] points = rows(r.getAsJsonArray("check_points"));
        JsonArray projections = r.getAsJsonArray("projections");
        double reprojection = 0;
        double overflow = 0;
        double visible = 1;
        String problem = null;
        for (int v = 0; v < cameras.size(); v++) {
            Camera c = cameras.get(v);
            double[][] blender = rows(projections.get(v).getAsJsonArray());
            double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            double[] centre = null;
            for (int k = 0; k < points.length; k++) {
                double[] ours = c.project(points[k][0], points[k][1], points[k][2]);
                reprojection = Math.max(reprojection, Math.hypot(ours[0] - blender[k][0], ours[1] - blender[k][1]));
                if (k == 0) {
                    centre = ours;
                } else {
                    box = new double[] {Math.min(box[0], ours[0]), Math.min(box[1], ours[1]),
                        Math.max(box[2], ours[0]), Math.max(box[3], ours[1])};
                }
            }
            Silhouette s = Silhouette.of(pngs.get(v), c.width());
            visible = Math.min(visible, s.visible());
            overflow = Math.max(overflow, s.overflow(box));
            if (problem == null && !s.contains(centre)) {
                problem = "the projected centre of " + pngs.get(v).getFileName() + " lies outside what Blender drew";
            }
        }
        if (reprojection > MAX_REPROJECTION_PX) {
            problem = String.format("our projection differs from Blender's by %.3g px (allowed %.2g): the pose "
                    + "convention is broken", reprojection, MAX_REPROJECTION_PX);
        } else if (overflow > MAX_OVERFLOW_PX) {
            problem = String.format("a silhouette leaves the projected bounding box by %.2f px", overflow);
        } else if (visible < MIN_VISIBLE) {
            problem = String.format("a view is nearly blank over white (%.2f%% of its pixels visible)", 100 * visible);
        }
        return new RenderCheck(reprojection, overflow, visible, problem);
    }

    /** The world points Blender reported in {@code result}: the bounding-box centre, then its 8 corners. */
    static double[][] checkPoints(Path result) throws IOException {
        JsonObject r = JsonParser.parseString(Files.readString(result, StandardCharsets.UTF_8)).getAsJsonObject();
        return rows(r.getAsJsonArray("check_points"));
    }

    private static double[][] rows(JsonArray a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < a.size(); i++) {
            JsonArray row = a.get(i).getAsJsonArray();
            out[i] = new double[row.size()];
            int j = 0;
            for (JsonElement e : row) {
                out[i][j++] = e.getAsDouble();
            }
        }
        return out;
    }

    /** The drawn pixels of one RGBA view: their extent (pixel edges) and the fraction visible over white. */
    record Silhouette(int x0, int y0, int x1, int y1, double visible) {

        static Silhouette of(Path png, int size) throws IOException {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null || img.getWidth() != size || img.getHeight() != size || !img.getColorModel().hasAlpha()) {
                throw new IOException(png + " is not a " + size + " x " + size + " RGBA render");
            }
            int x0 = size;
            int y0 = size;
            int x1 = 0;
            int y1 = 0;
            int visible = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int a = img.getRGB(x, y) >>> 24;
                    if (a > 0) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x + 1);
                        y1 = Math.max(y1, y + 1);
                    }
                    visible += visibleOverWhite(img.getRGB(x, y)) ? 1 : 0;
                }
            }
            return new Silhouette(x0, y0, x1, y1, visible / (double) (size * size));
        }

        /** Whether a non-premultiplied ARGB pixel, composited over white, is visibly darker than white. */
        static boolean visibleOverWhite(int argb) {
            double a = (argb >>> 24) / 255.0;
            int darkest = Math.min((argb >> 16) & 0xff, Math.min((argb >> 8) & 0xff, argb & 0xff));
            return a * (1 - darkest / 255.0) > VISIBLE_CONTRAST; // 1 - (c a + 1 - a) = a (1 - c)
        }

        /** How far the drawn extent leaves {@code box} = {u0, v0, u1, v1}, in pixels (0 when inside). */
        double overflow(double[] box) {
            if (x1 <= x0) {
                return 0;
            }
            return Math.max(0, Math.max(Math.max(box[0] - x0, x1 - box[2]), Math.max(box[1] - y0, y1 - box[3])));
        }

        boolean contains(double[] p) {
            return p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
        }
    }
}
