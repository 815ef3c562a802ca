package dev.ginr.inr.data.scene;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.render.Rays;
import dev.ginr.inr.render.StratifiedSampler;
import dev.ginr.inr.render.VolumeRenderer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An end-to-end check of the pose convention through the rendering stack: carve the object's visual hull from the
 * silhouettes (alpha) of some views, with {@link Camera#project}, then volume-render the hull into a held-out view
 * with {@link Rays}, {@link StratifiedSampler} and {@link VolumeRenderer}, and compare its opacity with the
 * silhouette the renderer drew there. The hull contains the object, so the overlap is high only when the cameras
 * are read exactly as the renderer placed them.
 */
final class VisualHull {

    private VisualHull() {}

    /**
     * Intersection over union of the rendered hull (opacity > 0.5) and the drawn silhouette (alpha > 0) of view
     * {@code query}, the hull carved from {@code carve}; {@code misread} may alter the carving cameras.
     */
    static double iou(SceneObject object, List<Integer> carve, int query, UnaryOperator<Camera> misread)
            throws IOException {
        int size = object.size();
        List<boolean[]> masks = carve.stream().map(k -> mask(object.views().get(k).image(), size)).toList();
        List<Camera> cams = carve.stream().map(k -> misread.apply(object.views().get(k).camera())).toList();
        Camera q = object.views().get(query).camera();
        StratifiedSampler sampler = new StratifiedSampler(2, 6, 96);
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray poses = m.create(q.pose(), new Shape(1, 3, 4));
            Rays rays = Rays.fromPoses(poses, m.create(new double[] {q.focal()}), size, size); // (1, S S, 3)
            StratifiedSampler.RaySamples s = sampler.sample(rays, false);
            double[] pts = s.points().toDoubleArray(); // (1, S S 96, 3)
            double[] raw = new double[pts.length / 3 * 4];
            for (int p = 0; p < pts.length / 3; p++) {
                boolean inside = true;
                for (int v = 0; v < cams.size() && inside; v++) {
                    double[] uv = cams.get(v).project(pts[3 * p], pts[3 * p + 1], pts[3 * p + 2]);
                    int col = (int) Math.floor(uv[0]);
                    int row = (int) Math.floor(uv[1]);
                    inside = uv[2] > 0 && col >= 0 && row >= 0 && col < size && row < size
                            && masks.get(v)[row * size + col];
                }
                raw[4 * p + 3] = inside ? 50 : -1; // density; colour logits 0
            }
            NDArray field = m.create(raw, new Shape(1, pts.length / 3, 4)).toType(DataType.FLOAT32, false);
            float[] opacity = VolumeRenderer.composite(field, s.depths().toType(DataType.FLOAT32, false)).opacity()
                    .toFloatArray();
            boolean[] truth = mask(object.views().get(query).image(), size);
            int both = 0;
            int either = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean hull = opacity[i] > 0.5;
                both += hull && truth[i] ? 1 : 0;
                either += hull || truth[i] ? 1 : 0;
            }
            return either == 0 ? 0 : both / (double) either;
        }
    }

    private static boolean[] mask(Path png, int size) {
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            boolean[] m = new boolean[size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    m[y * size + x] = (img.getRGB(x, y) >>> 24) > 0; // any coverage (a 1-pixel box filter)
                }
            }
            return m;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The camera-to-world matrix read with its rotation transposed (world-to-camera taken for camera-to-world). */
    static Camera transposed(Camera c) {
        double[] p = c.pose();
        double[] t = p.clone();
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 3; col++) {
                t[4 * r + col] = p[4 * col + r];
            }
        }
        return new Camera(t, c.focal(), c.width(), c.height());
    }

    /** The camera in OpenCV's convention by mistake: y and z axes negated (looking along +z, y down). */
    static Camera upsideDown(Camera c) {
        double[] p = c.pose();
        for (int r = 0; r < 3; r++) {
            p[4 * r + 1] = -p[4 * r + 1];
            p[4 * r + 2] = -p[4 * r + 2];
        }
        return new Camera(p, c.focal(), c.width(), c.height());
    }
}
