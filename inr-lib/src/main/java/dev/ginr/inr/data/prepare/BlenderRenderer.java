package dev.ginr.inr.data.prepare;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ginr.inr.render.Camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Blender headless ({@code blender -b --factory-startup --python render_object.py -- JOB.json}) on a batch of
 * models: the scene script (data-scripts/scenes/render_object.py) imports each OBJ, normalises it to the unit
 * sphere and renders it with Cycles on the CPU from the given cameras into RGBA PNGs, then writes one result file
 * per model with the bounding box and Blender's own projections of its corners (see {@link RenderCheck}).
 *
 * @param blender    the Blender executable
 * @param script     the scene script
 * @param imageSize  view side in pixels
 * @param samples    Cycles samples per pixel
 * @param threads    Cycles threads per Blender process
 * @param timeoutPer the longest one model may take
 */
public record BlenderRenderer(Path blender, Path script, int imageSize, int samples, int threads,
                              Duration timeoutPer) {

    /** Ambient (uniform white world light) and sun strengths: soft, even light that keeps colours recognisable. */
    static final double AMBIENT = 0.6;
    static final double SUN = 3.0;

    /**
     * One model of a batch.
     *
     * @param obj      its OBJ (extracted with its materials)
     * @param entry    its catalog entry (size and rotation)
     * @param seed     Cycles' sampling seed
     * @param cameras  where to render from
     * @param pngs     where each view goes
     * @param result   where the script writes its report
     */
    public record Job(Path obj, FurnitureCatalog.Entry entry, int seed, List<Camera> cameras, List<Path> pngs,
                      Path result) {}

    /**
     * Renders {@code jobs} in one Blender process; its output goes to {@code log}.
     *
     * @throws IOException when Blender cannot start, fails or runs out of time (the message ends with the log)
     */
    public void render(List<Job> jobs, Path jobFile, Path log) throws IOException, InterruptedException {
        Files.writeString(jobFile, new Gson().toJson(jobJson(jobs)), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(blender.toString(), "-b", "--factory-startup", "-noaudio", "--python",
                script.toString(), "--", jobFile.toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Unavailable("cannot run " + blender + " (install Debian's blender package): " + e.getMessage(), e);
        }
        long limit = timeoutPer.toSeconds() * Math.max(1, jobs.size());
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("Blender took longer than " + limit + " s for " + jobs.size() + " models; log: "
                    + log + "\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException("Blender exited with status " + p.exitValue() + "; log: " + log + "\n" + tail(log));
        }
    }

    /** Blender could not be started at all: no model can be rendered. */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private JsonObject jobJson(List<Job> jobs) {
        JsonObject job = new JsonObject();
        job.addProperty("image_size", imageSize);
        job.addProperty("samples", samples);
        job.addProperty("threads", threads);
        job.addProperty("ambient", AMBIENT);
        job.addProperty("sun", SUN);
        job.addProperty("camera_angle_x", jobs.get(0).cameras().get(0).cameraAngleX());
        JsonArray objects = new JsonArray();
        for (Job j : jobs) {
            JsonObject o = new JsonObject();
            o.addProperty("obj", j.obj().toString());
            o.add("rotation", j.entry().rotation() == null ? null : array(j.entry().rotation()));
            o.add("size", array(j.entry().size()));
            o.addProperty("seed", j.seed());
            o.addProperty("result", j.result().toString());
            JsonArray views = new JsonArray();
            for (int k = 0; k < j.cameras().size(); k++) {
                JsonObject v = new JsonObject();
                v.addProperty("png", j.pngs().get(k).toString());
                v.add("transform_matrix", matrix(j.cameras().get(k)));
                views.add(v);
            }
            o.add("views", views);
            objects.add(o);
        }
        job.add("objects", objects);
        return job;
    }

    private static JsonArray matrix(Camera c) {
        double[] p = c.pose();
        JsonArray rows = new JsonArray();
        for (int r = 0; r < 3; r++) {
            rows.add(array(new double[] {p[4 * r], p[4 * r + 1], p[4 * r + 2], p[4 * r + 3]}));
        }
        rows.add(array(new double[] {0, 0, 0, 1}));
        return rows;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
