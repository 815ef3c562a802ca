package dev.ginr.inr.data.prepare;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ginr.inr.data.TrainTestSplit;
import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.data.scene.TransformsFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The files of a built offline multi-view set around its object folders: split files, the manifest, the pictures
 * for a person to look at; and reading the manifest back to tell whether a set is complete.
 */
final class SceneSetFiles {

    static final String HEADER = "category\tobject\tsplit\tname\tlibrary\tmodel\tauthor\tlicence\twidth_cm\theight_cm"
            + "\tdepth_cm\tviews\treprojection_px\tmin_visible";
    /** Columns of the contact sheet: the first training views, then the first held-out ones. */
    private static final int SHEET_TRAIN_VIEWS = 6;
    private static final int SHEET_QUERY_VIEWS = 2;
    /** Objects per contact sheet page. */
    private static final int SHEET_ROWS = 15;

    /** One object that passed its checks. */
    record Row(OfflineSceneSet.Rendered rendered, RenderCheck check) {}

    private SceneSetFiles() {}

    /** Moves the checked objects into {@code out} category by category, then writes splits, manifest, pictures. */
    static void publish(Path out, Path work, List<Row> rows, OfflineSceneSet.Settings s, Consumer<String> log)
            throws IOException {
        Map<String, List<Row>> byCategory = new LinkedHashMap<>();
        rows.forEach(r -> byCategory.computeIfAbsent(r.rendered().model().category(), c -> new ArrayList<>()).add(r));
        List<String> manifest = new ArrayList<>(List.of(HEADER));
        try (var old = Files.newDirectoryStream(out, "contact-*.png")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, List<Row>> e : byCategory.entrySet()) {
            String category = e.getKey();
            List<String> ids = e.getValue().stream().map(r -> r.rendered().model().id()).sorted().toList();
            TrainTestSplit<String> split = TrainTestSplit.byRatio(ids, s.testFraction(), s.seed());
            dropUnchecked(work.resolve("out").resolve(category), ids);
            OfflineSceneSet.replace(work.resolve("out").resolve(category), out.resolve(category));
            writeSplits(out.resolve(SceneFolder.splitsFileName(category)), split);
            for (Row r : e.getValue()) {
                String id = r.rendered().model().id();
                manifest.add(line(r, split.test().contains(id) ? "test" : "train", s.views()));
            }
            writeSheets(out, category, e.getValue(), s);
            log.accept(category + ": " + ids.size() + " objects, " + split.test().size() + " held out");
        }
        writeAtomically(out.resolve(OfflineSceneSet.MANIFEST_FILE), String.join("\n", manifest) + "\n");
        writePoseCheck(out, rows);
    }

    /** Whether every object of the manifest in {@code out} is present with its pose file. */
    static boolean complete(Path out) throws IOException {
        Path manifest = out.resolve(OfflineSceneSet.MANIFEST_FILE);
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8).stream().skip(1).toList()) {
            String[] f = line.split("\t");
            if (!Files.isRegularFile(out.resolve(f[0]).resolve(f[1]).resolve(TransformsFile.NAME))) {
                return false;
            }
        }
        return true;
    }

    /** Object and held-out counts per category, from the manifest in {@code out}. */
    static OfflineSceneSet.Report report(Path out, long start) throws IOException {
        Map<String, Integer> objects = new LinkedHashMap<>();
        Map<String, Integer> test = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve(OfflineSceneSet.MANIFEST_FILE)).stream().skip(1).toList()) {
            String[] f = line.split("\t");
            objects.merge(f[0], 1, Integer::sum);
            test.merge(f[0], f[2].equals("test") ? 1 : 0, Integer::sum);
        }
        return new OfflineSceneSet.Report(objects, test, Map.of(), (System.nanoTime() - start) / 1e9, true);
    }

    private static String line(Row r, String split, int views) {
        SceneModels.Model m = r.rendered().model();
        double[] size = m.entry().size();
        return String.join("\t", m.category(), m.id(), split, clean(m.entry().name()), m.catalog().name(),
                m.entry().model(), clean(m.entry().creator()), clean(m.catalog().licence()),
                String.format(Locale.ROOT, "%.1f\t%.1f\t%.1f\t%d\t%.2g\t%.3f", size[0], size[1], size[2], views,
                        r.check().reprojectionPx(), r.check().minVisible()));
    }

    private static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]+", " ").trim();
    }

    private static void dropUnchecked(Path categoryDir, List<String> keep) throws IOException {
        try (var s = Files.list(categoryDir)) {
            for (Path p : s.toList()) {
                if (!keep.contains(p.getFileName().toString())) {
                    LearnitShapenetLayout.deleteTree(p);
                }
            }
        }
    }

    private static void writeSplits(Path file, TrainTestSplit<String> split) throws IOException {
        JsonObject o = new JsonObject();
        JsonArray train = new JsonArray();
        split.train().forEach(train::add);
        JsonArray test = new JsonArray();
        split.test().forEach(test::add);
        o.add("train", train);
        o.add("test", test);
        writeAtomically(file, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
    }

    private static void writeSheets(Path out, String category, List<Row> rows, OfflineSceneSet.Settings s)
            throws IOException {
        List<List<Path>> views = new ArrayList<>();
        for (Row r : rows) {
            Path folder = out.resolve(category).resolve(r.rendered().model().id());
            List<Path> pick = new ArrayList<>();
            for (int k = 0; k < Math.min(SHEET_TRAIN_VIEWS, s.trainViews()); k++) {
                pick.add(folder.resolve("r_" + k + ".png"));
            }
            for (int k = 0; k < Math.min(SHEET_QUERY_VIEWS, s.queryViews()); k++) {
                pick.add(folder.resolve("r_" + (s.trainViews() + k) + ".png"));
            }
            views.add(pick);
        }
        for (int page = 0; page * SHEET_ROWS < views.size(); page++) { // rows in manifest order
            ContactSheet.write(views.subList(page * SHEET_ROWS, Math.min(views.size(), (page + 1) * SHEET_ROWS)),
                    SHEET_TRAIN_VIEWS + SHEET_QUERY_VIEWS, s.imageSize(),
                    out.resolve("contact-" + category + "-" + (page + 1) + ".png"));
        }
    }

    private static void writePoseCheck(Path out, List<Row> rows) throws IOException {
        List<Path> views = new ArrayList<>();
        List<dev.ginr.inr.render.Camera> cameras = new ArrayList<>();
        List<double[][]> points = new ArrayList<>();
        for (Row r : rows) {
            SceneModels.Model m = r.rendered().model();
            views.add(out.resolve(m.category()).resolve(m.id()).resolve("r_0.png"));
            cameras.add(r.rendered().cameras().get(0));
            points.add(RenderCheck.checkPoints(r.rendered().result()));
        }
        ContactSheet.writePoseCheck(views, cameras, points, 2, 10, out.resolve("pose-check.png"));
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
