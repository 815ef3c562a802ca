package dev.ginr.notebook.kernel;

import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.data.scene.TransformsFile;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.render.Viewpoints;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny multi-view set for the notebook test when the offline set (data/offline-scenes, rendered by Blender) is not
 * built: generated, not real objects. Each object is a coloured ball on a slab ("a stool"), ray-cast with Lambert
 * shading from seeded viewpoints on the upper hemisphere at distance 4, written in the Learned Init layout
 * (chairs/ID/transforms.json, r_K.png with a transparent background, chair_splits.json), so the notebook reads it as
 * it reads the real set. Building the real set on CI needs blender and sweethome3d-furniture (98 Debian packages,
 * about 244 MB to download), which costs CI far more than this test may.
 */
public final class GeneratedScenes {

    static final int SIZE = 32;
    static final int VIEWS = 6;

    private GeneratedScenes() {}

    /** Writes {@code train} + {@code test} generated objects under {@code root}; returns {@code root}. */
    public static Path write(Path root, int train, int test) throws IOException {
        List<String> trainIds = new ArrayList<>();
        List<String> testIds = new ArrayList<>();
        for (int o = 0; o < train + test; o++) {
            String id = "generated-stool-" + o;
            (o < train ? trainIds : testIds).add(id);
            writeObject(root.resolve("chairs").resolve(id), o);
        }
        Files.writeString(root.resolve(SceneFolder.splitsFileName("chairs")), "{\"train\": " + json(trainIds)
                + ", \"test\": " + json(testIds) + "}");
        return root;
    }

    private static void writeObject(Path folder, int o) throws IOException {
        Files.createDirectories(folder);
        double focal = SIZE / 2.0 / Math.tan(0.691111 / 2);
        List<Camera> cams = Viewpoints.upperHemisphere(o, VIEWS, 4, Math.toRadians(5), Math.toRadians(80), focal,
                SIZE);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < VIEWS; k++) {
            names.add("r_" + k);
            ImageIO.write(view(cams.get(k), o), "png", folder.resolve("r_" + k + ".png").toFile());
        }
        TransformsFile.write(folder, names, cams);
    }

    /** The object seen by {@code cam}: RGBA, transparent where the ray misses. */
    static BufferedImage view(Camera cam, int o) {
        BufferedImage img = new BufferedImage(cam.width(), cam.height(), BufferedImage.TYPE_INT_ARGB);
        double[] eye = cam.center();
        double[] ball = {0, 0, 0.25};
        double radius = 0.35 + 0.05 * o;
        int[] colour = {60 + 50 * (o % 4), 90 + 40 * (o % 3), 200 - 30 * (o % 5)};
        for (int j = 0; j < cam.height(); j++) {
            for (int i = 0; i < cam.width(); i++) {
                double[] d = cam.rayDirection(i, j);
                double tBall = sphere(eye, d, ball, radius);
                double tSlab = box(eye, d, new double[] {-0.6, -0.4, -0.25}, new double[] {0.6, 0.4, -0.1});
                if (Double.isNaN(tBall) && Double.isNaN(tSlab)) {
                    continue;
                }
                boolean onBall = !Double.isNaN(tBall) && (Double.isNaN(tSlab) || tBall < tSlab);
                double shade = onBall ? lambert(eye, d, tBall, ball) : 0.55;
                int[] c = onBall ? colour : new int[] {150, 110, 70};
                img.setRGB(i, j, 0xff000000 | channel(c[0], shade) << 16 | channel(c[1], shade) << 8
                        | channel(c[2], shade));
            }
        }
        return img;
    }

    private static int channel(int c, double shade) {
        return (int) Math.min(255, Math.round(c * shade));
    }

    /** Nearest t > 0 with |eye + t d - c| = r, or NaN. */
    private static double sphere(double[] eye, double[] d, double[] c, double r) {
        double[] oc = {eye[0] - c[0], eye[1] - c[1], eye[2] - c[2]};
        double a = dot(d, d);
        double b = 2 * dot(oc, d);
        double disc = b * b - 4 * a * (dot(oc, oc) - r * r);
        return disc < 0 ? Double.NaN : (-b - Math.sqrt(disc)) / (2 * a);
    }

    /** Entry t of the ray into the axis-aligned box [lo, hi] (slab method), or NaN. */
    private static double box(double[] eye, double[] d, double[] lo, double[] hi) {
        double near = Double.NEGATIVE_INFINITY;
        double far = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            double t1 = (lo[a] - eye[a]) / d[a];
            double t2 = (hi[a] - eye[a]) / d[a];
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        }
        return near <= far && near > 0 ? near : Double.NaN;
    }

    /** 0.35 ambient + 0.65 diffuse from a light above and to the side. */
    private static double lambert(double[] eye, double[] d, double t, double[] c) {
        double[] n = {eye[0] + t * d[0] - c[0], eye[1] + t * d[1] - c[1], eye[2] + t * d[2] - c[2]};
        double len = Math.sqrt(dot(n, n));
        double[] light = {0.4, 0.3, 0.866};
        return 0.35 + 0.65 * Math.max(0, dot(n, light) / len);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static String json(List<String> ids) {
        return ids.stream().map(i -> "\"" + i + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
