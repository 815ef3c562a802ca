package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.scene.TransformsFile;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.render.Viewpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Builds the offline multi-view set: renders of real 3-D furniture models that Debian's sweethome3d-furniture
 * ships (CC0 / CC-BY, listed in {@link SceneModels}), made headless with Debian's Blender (Cycles on the CPU), in the
 * layout and pose convention of the Learned Init authors' ShapeNet renders, so that
 * {@link dev.ginr.inr.data.scene.SceneFolder} reads both:
 * <pre>
 * OUT/chairs/ID/transforms.json, r_0.png ... r_29.png   views 0-24 for training, 25-29 held-out query views
 * OUT/chair_splits.json (lamps, cars likewise)          split by object, seeded
 * OUT/manifest.tsv                                     model, library, author, licence, size, split per object
 * OUT/contact-chairs-1.png ..., OUT/pose-check.png     for a person to look at (15 objects per contact page)
 * OUT/build-settings.txt                               settings + fingerprint; a rebuild with the same line is skipped
 * </pre>
 * Each model is normalised to the unit sphere (bounding-box centre at the origin) and seen from seeded viewpoints
 * on the upper hemisphere at distance 4 (so near 2 / far 6 bound it, as for ShapeNet), white background after
 * compositing. Every object passes {@link RenderCheck} (our projection = Blender's, silhouettes inside the
 * projected box, no blank view) or is left out and reported; a projection mismatch stops the build.
 */
public final class OfflineSceneSet {

    static final String SETTINGS_FILE = "build-settings.txt";
    static final String MANIFEST_FILE = "manifest.tsv";
    /** Camera distance from the object's centre; the reference's near 2 and far 6 bound the unit sphere. */
    static final double RADIUS = 4;
    /** NeRF's Blender field of view; the unit sphere spans about 60% of the image width from distance 4. */
    static final double CAMERA_ANGLE_X = 0.6911112070083618;
    static final double MIN_ELEVATION = Math.toRadians(5);
    static final double MAX_ELEVATION = Math.toRadians(80);
    private static final int BATCH = 6;
    /** Version of what a build makes and checks; a new version rebuilds sets made by older ones. */
    static final int FORMAT = 2;

    /**
     * What to build.
     *
     * @param out          output folder
     * @param libraries    folder of the .sh3f furniture libraries
     * @param copyright    the package's DEP-5 copyright file (licences)
     * @param blender      Blender executable
     * @param script       the scene script (data-scripts/scenes/render_object.py)
     * @param imageSize    view side in pixels
     * @param samples      Cycles samples per pixel
     * @param trainViews   views 0..trainViews-1 per object (25 as in the ShapeNet renders)
     * @param queryViews   further held-out views per object
     * @param seed         viewpoints, Cycles noise and the split
     * @param testFraction share of each category's objects held out
     * @param processes    Blender processes at once (one Cycles thread each)
     * @param perCategory  at most this many objects per category (0 = all listed)
     */
    public record Settings(Path out, Path libraries, Path copyright, Path blender, Path script, int imageSize,
                           int samples, int trainViews, int queryViews, long seed, double testFraction,
                           int processes, int perCategory) {

        public Settings {
            require(imageSize >= 8 && imageSize <= 512 && imageSize % 8 == 0, "--size", imageSize,
                    "a multiple of 8 in 8..512 (8 x 8 patches)");
            require(samples >= 1 && samples <= 4096, "--samples", samples, "1..4096");
            require(trainViews >= 1 && queryViews >= 1, "--train-views/--query-views", trainViews + "/" + queryViews,
                    "at least 1 each");
            require(testFraction > 0 && testFraction < 1, "--test-fraction", testFraction, "a fraction in (0, 1)");
            require(processes >= 1 && processes <= 16, "--processes", processes, "1..16");
            require(perCategory >= 0, "--per-category", perCategory, "0 (all) or more");
            require(Files.isRegularFile(script), "--script", script, "the Blender scene script "
                    + "data-scripts/scenes/render_object.py (the file does not exist)");
            require(Files.isDirectory(libraries), "--libraries", libraries, "a folder of .sh3f furniture libraries "
                    + "(install Debian's sweethome3d-furniture)");
        }

        private static void require(boolean ok, String option, Object value, String allowed) {
            if (!ok) {
                throw new IllegalArgumentException(option + " = " + value + " is invalid; allowed: " + allowed);
            }
        }

        /** Views per object. */
        public int views() {
            return trainViews + queryViews;
        }

        String line() {
            return String.format(Locale.ROOT, "format=%d size=%d samples=%d views=%d+%d seed=%d test=%.3f "
                    + "perCategory=%d radius=%.1f angle=%.6f", FORMAT, imageSize, samples, trainViews, queryViews,
                    seed, testFraction, perCategory, RADIUS, CAMERA_ANGLE_X);
        }
    }

    /**
     * What a build produced.
     *
     * @param objects  objects in the set per category
     * @param test     held-out objects per category
     * @param skipped  objects left out, with the reason
     * @param seconds  wall time
     * @param upToDate nothing was rendered: the output already matched
     */
    public record Report(Map<String, Integer> objects, Map<String, Integer> test, Map<String, String> skipped,
                         double seconds, boolean upToDate) {

        public String summary() {
            StringBuilder s = new StringBuilder(upToDate ? "up to date: " : "");
            objects.forEach((c, n) -> s.append(String.format(Locale.ROOT, "%s %d objects (%d held out); ", c, n,
                    test.getOrDefault(c, 0))));
            skipped.forEach((id, why) -> s.append("left out ").append(id).append(": ").append(why).append("; "));
            return s.append(String.format(Locale.ROOT, "%.0f s", seconds)).toString();
        }
    }

    /** One object on its way into the set. */
    record Rendered(SceneModels.Model model, List<Camera> cameras, List<Path> pngs, Path folder, Path result) {}

    private OfflineSceneSet() {}

    /** Builds the set of the shipped model list (or confirms it is up to date), reporting progress to {@code log}. */
    public static Report build(Settings s, Consumer<String> log) throws IOException, InterruptedException {
        return build(s, SceneModels.shipped(FurnitureCatalog.readAll(s.libraries(), s.copyright())), log);
    }

    /** Builds the set of {@code listed} models (the first {@code perCategory} of each category). */
    public static Report build(Settings s, List<SceneModels.Model> listed, Consumer<String> log)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<SceneModels.Model> models = select(listed, s.perCategory());
        String line = s.line() + " fingerprint=" + fingerprint(s, models);
        Path out = s.out();
        Path settingsFile = out.resolve(SETTINGS_FILE);
        if (Files.isRegularFile(settingsFile) && Files.readString(settingsFile).strip().equals(line)
                && SceneSetFiles.complete(out)) {
            return SceneSetFiles.report(out, start);
        }
        Files.createDirectories(out);
        Files.deleteIfExists(settingsFile); // a half-done rebuild is never taken for a finished one
        Path work = out.resolve(".work");
        LearnitShapenetLayout.deleteTree(work);
        List<Rendered> jobs = plan(s, models, work);
        renderAll(s, jobs, work, log);
        Map<String, String> skipped = new LinkedHashMap<>();
        List<SceneSetFiles.Row> rows = new ArrayList<>();
        for (Rendered r : jobs) {
            RenderCheck check = RenderCheck.of(r.result(), r.cameras(), r.pngs());
            if (!Double.isNaN(check.reprojectionPx()) && check.reprojectionPx() > RenderCheck.MAX_REPROJECTION_PX) {
                throw new IllegalStateException(r.model().id() + ": " + check.problem());
            }
            if (!check.passed()) {
                skipped.put(r.model().id(), check.problem());
                log.accept("left out " + r.model().id() + ": " + check.problem());
                continue;
            }
            TransformsFile.write(r.folder(), names(r.pngs()), r.cameras());
            rows.add(new SceneSetFiles.Row(r, check));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no model passed its checks: " + skipped);
        }
        SceneSetFiles.publish(out, work, rows, s, log);
        LearnitShapenetLayout.deleteTree(work);
        Files.writeString(settingsFile, line + "\n", StandardCharsets.UTF_8);
        Report fresh = SceneSetFiles.report(out, start);
        return new Report(fresh.objects(), fresh.test(), skipped, fresh.seconds(), false);
    }

    /** The first {@code perCategory} models of each category (all when 0), in list order. */
    static List<SceneModels.Model> select(List<SceneModels.Model> all, int perCategory) {
        Map<String, Integer> taken = new LinkedHashMap<>();
        List<SceneModels.Model> out = new ArrayList<>();
        for (SceneModels.Model m : all) {
            int n = taken.merge(m.category(), 1, Integer::sum);
            if (perCategory == 0 || n <= perCategory) {
                out.add(m);
            }
        }
        return out;
    }

    /** The seeded cameras of one object: views on the upper hemisphere looking at the origin. */
    static List<Camera> cameras(Settings s, String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        double focal = 0.5 * s.imageSize() / Math.tan(0.5 * CAMERA_ANGLE_X);
        return Viewpoints.upperHemisphere(s.seed() * 1_000_003L + crc.getValue(), s.views(), RADIUS, MIN_ELEVATION,
                MAX_ELEVATION, focal, s.imageSize());
    }

    private static List<Rendered> plan(Settings s, List<SceneModels.Model> models, Path work) throws IOException {
        List<Rendered> jobs = new ArrayList<>();
        for (SceneModels.Model m : models) {
            Path folder = work.resolve("out").resolve(m.category()).resolve(m.id());
            Files.createDirectories(folder);
            List<Path> pngs = new ArrayList<>();
            for (int k = 0; k < s.views(); k++) {
                pngs.add(folder.resolve("r_" + k + ".png").toAbsolutePath());
            }
            jobs.add(new Rendered(m, cameras(s, m.id()), pngs, folder,
                    work.resolve("results").resolve(m.id() + ".json").toAbsolutePath()));
        }
        Files.createDirectories(work.resolve("results"));
        return jobs;
    }

    private static void renderAll(Settings s, List<Rendered> jobs, Path work, Consumer<String> log)
            throws IOException, InterruptedException {
        BlenderRenderer blender = new BlenderRenderer(s.blender(), s.script().toAbsolutePath(), s.imageSize(),
                s.samples(), 1, Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(s.processes());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < jobs.size(); from += BATCH) {
                List<Rendered> batch = jobs.subList(from, Math.min(jobs.size(), from + BATCH));
                int index = from / BATCH;
                done.add(pool.submit(() -> renderBatch(blender, batch, work, index, s.seed(), log)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void renderBatch(BlenderRenderer blender, List<Rendered> batch, Path work, int index, long seed,
                                    Consumer<String> log) throws IOException, InterruptedException {
        List<BlenderRenderer.Job> jobs = new ArrayList<>();
        for (Rendered r : batch) {
            Path modelDir = work.resolve("models").resolve(r.model().id());
            Path obj = r.model().catalog().extract(r.model().entry().model(), modelDir);
            jobs.add(new BlenderRenderer.Job(obj, r.model().entry(), (int) (seed + jobs.size()), r.cameras(),
                    r.pngs(), r.result()));
        }
        Path logs = Files.createDirectories(work.resolve("logs"));
        try {
            blender.render(jobs, logs.resolve("job-" + index + ".json").toAbsolutePath(),
                    logs.resolve("blender-" + index + ".log"));
        } catch (BlenderRenderer.Unavailable e) {
            throw e;
        } catch (IOException failed) { // e.g. a crash in Blender's OBJ importer: find the model, keep the others
            log.accept("Blender failed in batch " + index + " (" + firstLine(failed) + "); retrying one by one");
            for (int k = 0; k < jobs.size(); k++) {
                retryAlone(blender, jobs.get(k), logs.resolve("job-" + index + "-" + k + ".json").toAbsolutePath(),
                        logs.resolve("blender-" + index + "-" + k + ".log"));
            }
        }
        log.accept("rendered " + String.join(", ", batch.stream().map(r -> r.model().id()).toList()));
        return null;
    }

    /** Renders one model on its own unless it has a result; a failure becomes its result (it is left out). */
    private static void retryAlone(BlenderRenderer blender, BlenderRenderer.Job job, Path jobFile, Path log)
            throws IOException, InterruptedException {
        if (Files.exists(job.result())) {
            return;
        }
        try {
            blender.render(List.of(job), jobFile, log);
        } catch (BlenderRenderer.Unavailable e) {
            throw e;
        } catch (IOException e) {
            com.google.gson.JsonObject error = new com.google.gson.JsonObject();
            error.addProperty("error", firstLine(e));
            Files.writeString(job.result(), error.toString(), StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m;
    }

    private static List<String> names(List<Path> pngs) {
        return pngs.stream().map(p -> p.getFileName().toString().replaceFirst("\\.png$", "")).toList();
    }

    private static String fingerprint(Settings s, List<SceneModels.Model> models) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(s.script()));
            for (SceneModels.Model m : models) {
                d.update((m.category() + "/" + m.id() + ";").getBytes(StandardCharsets.UTF_8));
                d.update(Long.toString(Files.size(m.catalog().file())).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves {@code from} to {@code to}, replacing what is there. */
    static void replace(Path from, Path to) throws IOException {
        Path old = to.resolveSibling("." + to.getFileName() + ".old");
        LearnitShapenetLayout.deleteTree(old);
        if (Files.exists(to)) {
            Files.move(to, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        LearnitShapenetLayout.deleteTree(old);
    }
}
