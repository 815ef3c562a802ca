package dev.ginr.notebook.display;

import dev.ginr.inr.data.Images;
import dev.ginr.inr.data.scene.SceneEpisode;
import dev.ginr.inr.data.scene.ViewImages;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.SceneData;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.train.Metrics;
import dev.ginr.inr.train.NovelViews;
import dev.ginr.inr.train.SceneSignals;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of novel view synthesis (PAPER.md Table 4): the support and query views of held-out scenes, and what a
 * run renders from them: the query views and a turntable of new viewpoints around the object. One row per scene.
 */
public final class SceneGrids {

    /** Frames of a turntable row (every 30 degrees). */
    public static final int TURNTABLE_FRAMES = 12;

    /** Displayed side of a view tile in pixels (32x32 views are drawn 3x, nearest neighbour). */
    static final int TILE = 96;

    private SceneGrids() {}

    /** The support and query views of the first {@code n} held-out scenes, as the model sees them. */
    public static DisplayData heldOutViews(SceneData data, int n) {
        SceneSignals set = heldOut(data);
        List<List<BufferedImage>> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int e = 0; e < Math.min(n, set.count()); e++) {
            SceneEpisode ep = set.episode(e);
            List<BufferedImage> row = new ArrayList<>(views(ep.support()));
            row.addAll(views(ep.query()));
            rows.add(row);
            ids.add(ep.objectId());
        }
        SceneEpisode first = set.episode(0);
        List<String> header = new ArrayList<>();
        first.support().cameras().forEach(c -> header.add("support"));
        first.query().cameras().forEach(c -> header.add("query"));
        return Displays.image(ImageGrids.grid(rows, header, TILE), String.format(Locale.ROOT,
                "support | query views of the first %d held-out scenes of %s (%dx%d, as the model sees them): %s",
                rows.size(), data.folder().category(), set.resolution(), set.resolution(), String.join(", ", ids)));
    }

    /**
     * For the first {@code n} held-out scenes: support view(s) | query view (truth) | the query view rendered by
     * {@code run} | a turntable of {@value #TURNTABLE_FRAMES} new viewpoints at the query view's distance and
     * elevation, rendered at {@code k} times the model's resolution. The text gives each rendered query view's PSNR
     * and that of the all-white prediction on the same view.
     */
    public static DisplayData novelViews(ExperimentRun run, SceneData data, int n, int k) {
        SceneSignals set = heldOut(data);
        List<List<BufferedImage>> rows = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < Math.min(n, set.count()); e++) {
            SceneEpisode ep = set.episode(e);
            List<float[]> rendered = NovelViews.render(run.model(), set, ep, ep.query().cameras());
            List<Camera> around = NovelViews.turntable(ep.query().cameras().get(0), TURNTABLE_FRAMES, k);
            List<float[]> turntable = NovelViews.render(run.model(), set, ep, around);
            List<BufferedImage> row = new ArrayList<>(views(ep.support()));
            row.add(views(ep.query()).get(0));
            row.add(Images.fromRgb(rendered.get(0), set.resolution(), set.resolution()));
            turntable.forEach(v -> row.add(Images.fromRgb(v, set.resolution() * k, set.resolution() * k)));
            rows.add(row);
            float[] truth = ep.query().view(0);
            lines.add(String.format(Locale.ROOT, "%s %.2f dB (all-white %.2f dB)", ep.objectId(),
                    psnr(rendered.get(0), truth), whitePsnr(truth)));
        }
        List<String> header = new ArrayList<>();
        set.episode(0).support().cameras().forEach(c -> header.add("support"));
        header.addAll(List.of("query", "rendered"));
        for (int f = 0; f < TURNTABLE_FRAMES; f++) {
            header.add(f == 0 ? "new views: 0°" : (360 * f / TURNTABLE_FRAMES) + "°");
        }
        return Displays.image(ImageGrids.grid(rows, header, Math.max(TILE, set.resolution() * k)),
                String.format(Locale.ROOT, "novel views by '%s' of the first %d held-out scenes of %s: query view "
                                + "PSNR per scene: %s; turntable rendered at %dx", run.name(), rows.size(), data.folder().category(),
                        String.join(", ", lines), k));
    }

    private static SceneSignals heldOut(SceneData data) {
        if (data.test() == null || data.test().count() == 0) {
            throw new IllegalArgumentException(data.folder().root() + " has no held-out " + data.folder().category()
                    + " to show (its split file lists no \"test\" object that exists)");
        }
        return data.test();
    }

    private static List<BufferedImage> views(ViewImages v) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < v.count(); i++) {
            out.add(Images.fromRgb(v.view(i), v.size(), v.size()));
        }
        return out;
    }

    static double psnr(float[] a, float[] b) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            se += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Metrics.psnr(se / a.length);
    }

    static double whitePsnr(float[] truth) {
        float[] white = new float[truth.length];
        Arrays.fill(white, 1f);
        return psnr(white, truth);
    }
}
