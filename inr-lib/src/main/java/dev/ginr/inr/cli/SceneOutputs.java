package dev.ginr.inr.cli;

import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.Images;
import dev.ginr.inr.data.scene.SceneEpisode;
import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.experiment.SceneData;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.train.NovelViews;
import dev.ginr.inr.train.SceneSignals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scene branch of {@code ginr train / eval / reconstruct} (novel view synthesis): a multi-view folder in the
 * Learned Init authors' layout (ROOT/&lt;category&gt;_splits.json, ROOT/&lt;category&gt;/&lt;object&gt;/transforms.json),
 * PSNR of the rendered query views beside the all-white prediction on the same views, and PNGs of support, query
 * and rendered views with a turntable strip of novel views.
 */
final class SceneOutputs {

    /** Frames of a turntable strip. */
    static final int TURNTABLE_FRAMES = 12;

    private SceneOutputs() {}

    /** The training and held-out scenes of {@code root} for {@code spec}; fails naming the file at fault. */
    record Scenes(SceneFolder folder, SceneSignals train, SceneSignals test) {

        static Scenes load(Path root, ExperimentSpec spec) {
            SceneData d = SceneData.load(root, spec, 0, 0);
            return new Scenes(d.folder(), d.train(), d.test());
        }

        /** The held-out scenes; fails naming the split file when it lists none. */
        SceneSignals heldOut() {
            if (test == null) {
                throw new IllegalArgumentException(folder.root().resolve(SceneFolder.splitsFileName(folder.category()))
                        + " lists no held-out (\"test\") object that exists; novel views are evaluated on held-out "
                        + "objects");
            }
            return test;
        }

        String summary() {
            return String.format(Locale.ROOT, "%s: %d training objects, %d held-out objects (%d scenes) at %dx%d",
                    folder.root().resolve(folder.category()), folder.train().size(), folder.test().size(),
                    test == null ? 0 : test.count(), train.resolution(), train.resolution());
        }
    }

    /** PSNR of the run on the held-out scenes beside the all-white prediction on the same query views. */
    static PsnrTable evaluation(ExperimentRun run, Scenes scenes) {
        SceneSignals set = scenes.heldOut();
        return new PsnrTable().add(run.name(), run.spec().modelType().yamlName(), "test", run.evaluate(set))
                .add("all-white", "white background only", "test", set.whitePsnr());
    }

    /**
     * For the first {@code limit} held-out scenes: the support views, the query views, the model's rendering of them
     * and a turntable strip of {@value #TURNTABLE_FRAMES} novel views around the object, at {@code upsample} times
     * the model's resolution. Returns the number of scenes written.
     */
    static int reconstruct(ExperimentRun run, Scenes scenes, Path out, double upsample, int limit) {
        SceneSignals set = scenes.heldOut();
        int k = (int) Math.round(upsample);
        if (k < 1 || Math.abs(k - upsample) > 1e-9 || k > 8) {
            throw new IllegalArgumentException("--upsample " + upsample + " is not allowed for scenes; allowed: a "
                    + "whole number from 1 to 8 (views are rendered at K times the model's resolution)");
        }
        ImageFiles.markAsOutput(out, "ginr reconstruct");
        int n = Math.min(limit, set.count());
        for (int e = 0; e < n; e++) {
            SceneEpisode episode = set.episode(e);
            String prefix = String.format(Locale.ROOT, "scene-%03d-%s", e, episode.objectId());
            int s = episode.support().size();
            write(strip(episode.support().rgb(), episode.support().count(), s), out.resolve(prefix + "-support.png"));
            write(strip(episode.query().rgb(), episode.query().count(), s), out.resolve(prefix + "-query.png"));
            List<Camera> queries = new ArrayList<>();
            episode.query().cameras().forEach(c -> queries.add(scaled(c, k)));
            write(strip(NovelViews.render(run.model(), set, episode, queries), s * k),
                    out.resolve(prefix + "-rendered.png"));
            write(strip(NovelViews.render(run.model(), set, episode, turntable(episode.query().cameras().get(0), k)),
                    s * k), out.resolve(prefix + "-turntable.png"));
        }
        return n;
    }

    /** {@value #TURNTABLE_FRAMES} cameras around the origin at the distance and elevation of {@code like}. */
    static List<Camera> turntable(Camera like, int k) {
        return NovelViews.turntable(like, TURNTABLE_FRAMES, k);
    }

    private static Camera scaled(Camera c, int k) {
        return new Camera(c.pose(), c.focal() * k, c.width() * k, c.height() * k);
    }

    /** N views (N, S S, 3) channel-last side by side: one image S x N S. */
    private static BufferedImage strip(float[] views, int count, int side) {
        List<float[]> list = new ArrayList<>();
        int per = side * side * 3;
        for (int v = 0; v < count; v++) {
            list.add(java.util.Arrays.copyOfRange(views, v * per, (v + 1) * per));
        }
        return strip(list, side);
    }

    private static BufferedImage strip(List<float[]> views, int side) {
        BufferedImage out = new BufferedImage(side * views.size(), side, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < views.size(); v++) {
            out.getGraphics().drawImage(Images.fromRgb(views.get(v), side, side), v * side, 0, null);
        }
        return out;
    }

    private static void write(BufferedImage image, Path file) {
        Images.writeAtomically(Images.pngBytes(image), file);
    }
}
