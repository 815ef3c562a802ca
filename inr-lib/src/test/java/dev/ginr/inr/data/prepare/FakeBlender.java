package dev.ginr.inr.data.prepare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A stand-in for {@code blender -b --python render_object.py -- JOB.json} in tests: it reads the same job, "renders"
 * each model as the cube [-a, a]^3 with a = 1/sqrt(3) (corners on the unit sphere, as the scene script normalises)
 * by casting each pixel's ray itself, and reports the cube's centre and corners projected by its own pinhole
 * formula. Models whose OBJ name contains "broken" get an error result; "crash" ends the process with status 139
 * (as Blender's segfault); "shifted" reports projections half a pixel off; "white" renders a white cube; "fat"
 * draws a cube 30% larger than the one it reports. Each run appends a line to
 * {@code runs.txt} next to the job file.
 */
public final class FakeBlender {

    private static final double A = 1 / Math.sqrt(3);

    private FakeBlender() {}

    public static void main(String[] args) throws IOException {
        Path jobFile = Path.of(args[args.length - 1]);
        Files.writeString(jobFile.resolveSibling("runs.txt"), jobFile.getFileName() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        JsonObject job = JsonParser.parseString(Files.readString(jobFile)).getAsJsonObject();
        int size = job.get("image_size").getAsInt();
        double focal = 0.5 * size / Math.tan(0.5 * job.get("camera_angle_x").getAsDouble());
        for (JsonElement e : job.getAsJsonArray("objects")) {
            JsonObject o = e.getAsJsonObject();
            String obj = o.get("obj").getAsString();
            if (obj.contains("crash")) {
                System.exit(139);
            }
            JsonObject result = obj.contains("broken") ? error() : render(o, size, focal, obj);
            Files.writeString(Path.of(o.get("result").getAsString()), result.toString());
        }
    }

    private static JsonObject error() {
        JsonObject r = new JsonObject();
        r.addProperty("error", "ValueError: no mesh in broken.obj");
        return r;
    }

    private static JsonObject render(JsonObject o, int size, double focal, String obj) throws IOException {
        boolean shifted = obj.contains("shifted");
        double[][] points = new double[9][];
        points[0] = new double[3];
        int k = 1;
        for (double x : new double[] {-A, A}) {
            for (double y : new double[] {-A, A}) {
                for (double z : new double[] {-A, A}) {
                    points[k++] = new double[] {x, y, z};
                }
            }
        }
        JsonArray projections = new JsonArray();
        for (JsonElement v : o.getAsJsonArray("views")) {
            double[][] m = matrix(v.getAsJsonObject().getAsJsonArray("transform_matrix"));
            BufferedImage img = cube(m, size, focal, obj.contains("fat") ? 1.3 * A : A, obj.contains("white"));
            ImageIO.write(img, "png", Path.of(v.getAsJsonObject().get("png").getAsString()).toFile());
            JsonArray view = new JsonArray();
            for (double[] p : points) {
                double[] c = toCamera(m, p);
                JsonArray uv = new JsonArray();
                uv.add(size / 2.0 + focal * c[0] / -c[2] + (shifted ? 0.5 : 0));
                uv.add(size / 2.0 - focal * c[1] / -c[2]);
                view.add(uv);
            }
            projections.add(view);
        }
        JsonObject r = new JsonObject();
        JsonArray pts = new JsonArray();
        for (double[] p : points) {
            JsonArray a = new JsonArray();
            for (double x : p) {
                a.add(x);
            }
            pts.add(a);
        }
        r.add("check_points", pts);
        r.add("projections", projections);
        return r;
    }

    /** The pixels whose ray (through the pixel centre) hits the cube: opaque, coloured by the hit face's axis. */
    private static BufferedImage cube(double[][] m, int size, double focal, double half, boolean white) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        double[] t = {m[0][3], m[1][3], m[2][3]};
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                double x = (i + 0.5 - size / 2.0) / focal;
                double y = -(j + 0.5 - size / 2.0) / focal;
                double[] d = new double[3];
                for (int r = 0; r < 3; r++) {
                    d[r] = m[r][0] * x + m[r][1] * y - m[r][2];
                }
                int axis = hit(t, d, half);
                if (axis >= 0) {
                    img.setRGB(i, j, white ? 0xffffffff : 0xff000000 | (0xc0 >> axis) << 16 | 0x60 << 8 | (0x30 << axis));
                }
            }
        }
        return img;
    }

    /** Slab test: the axis of the entry face, or -1 when the ray misses. */
    private static int hit(double[] o, double[] d, double half) {
        double near = -Double.MAX_VALUE;
        double far = Double.MAX_VALUE;
        int axis = -1;
        for (int a = 0; a < 3; a++) {
            double t1 = (-half - o[a]) / d[a];
            double t2 = (half - o[a]) / d[a];
            double lo = Math.min(t1, t2);
            if (lo > near) {
                near = lo;
                axis = a;
            }
            far = Math.min(far, Math.max(t1, t2));
        }
        return near <= far && far > 0 ? axis : -1;
    }

    private static double[] toCamera(double[][] m, double[] p) {
        double[] q = {p[0] - m[0][3], p[1] - m[1][3], p[2] - m[2][3]};
        double[] c = new double[3];
        for (int col = 0; col < 3; col++) {
            c[col] = m[0][col] * q[0] + m[1][col] * q[1] + m[2][col] * q[2];
        }
        return c;
    }

    private static double[][] matrix(JsonArray rows) {
        double[][] m = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                m[r][c] = rows.get(r).getAsJsonArray().get(c).getAsDouble();
            }
        }
        return m;
    }

    /** An executable script at {@code file} that runs this class with the test class path, as "blender". */
    public static Path writeExecutable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexec \"" + System.getProperty("java.home") + "/bin/java\" -cp \""
                + System.getProperty("java.class.path") + "\" " + FakeBlender.class.getName() + " \"$@\"\n");
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
        return file;
    }

    /** Writes a furniture library with one tiny model folder per name; lampB carries a model rotation. */
    public static void writeLibrary(Path file, List<String> names) throws IOException {
        StringBuilder props = new StringBuilder("id=Test\n");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                int k = i + 1;
                props.append("name#").append(k).append("=Test ").append(n).append('\n')
                        .append("category#").append(k).append("=Living room\n")
                        .append("model#").append(k).append("=/testlib/").append(n).append('/').append(n).append(".obj\n")
                        .append("creator#").append(k).append("=Author of ").append(n).append('\n')
                        .append("width#").append(k).append("=40\nheight#").append(k).append("=90\ndepth#").append(k)
                        .append("=50\n");
                if (n.equals("lampB")) {
                    props.append("modelRotation#").append(k).append("=1 0 0 0 0 1 0 -1 0\n");
                }
                put(zip, "testlib/" + n + "/" + n + ".obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 2\n");
                put(zip, "testlib/" + n + "/" + n + ".mtl", "newmtl m\n");
            }
            put(zip, "PluginFurnitureCatalog.properties", props.toString());
        }
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream o = zip;
        o.write(text.getBytes(StandardCharsets.ISO_8859_1));
        zip.closeEntry();
    }
}
