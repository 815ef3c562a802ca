package dev.ginr.inr.experiment;

import ai.djl.Device;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.data.scene.SceneObject;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.inr.train.SceneSignals;
import dev.ginr.inr.train.StopRequest;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The multi-view scenes a novel view synthesis recipe trains and scores on (PAPER.md Table 4): a folder in the
 * Learned Init authors' layout, its training objects and its held-out objects (each held out object seen in
 * {@code dataset.val_config.repeat} episodes), optionally limited to the first objects of each split.
 *
 * @param folder the multi-view folder (its category only)
 * @param train  the training scenes
 * @param test   the held-out scenes, or null when the split file lists none
 */
public record SceneData(SceneFolder folder, SceneSignals train, SceneSignals test) {

    /** How a scene run's {@link RunScore#dataset()} starts: {@code scenes:chairs}. */
    public static final String PREFIX = "scenes:";

    /**
     * The scenes under {@code root} for {@code spec}; only the first {@code trainObjects} training and
     * {@code testObjects} held-out objects (0 = all). Fails naming the folder or file at fault.
     */
    public static SceneData load(Path root, ExperimentSpec spec, int trainObjects, int testObjects) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("data folder " + root + (Files.exists(root) ? " is a file" : " does "
                    + "not exist") + "; give the root of a multi-view set (ROOT/chair_splits.json, "
                    + "ROOT/chairs/<object>/transforms.json), such as data/offline-scenes");
        }
        SceneFolder all = SceneFolder.load(root, spec.dataset().scene().category());
        SceneFolder folder = new SceneFolder(all.root(), all.category(), first(all.train(), trainObjects),
                first(all.test(), testObjects), all.missing());
        if (folder.train().isEmpty()) {
            throw new IllegalArgumentException(root.resolve(SceneFolder.splitsFileName(folder.category()))
                    + " lists no training (\"train\") object that exists; nothing to train on");
        }
        SceneSignals train = SceneSignals.training(folder, spec);
        SceneSignals test = folder.test().isEmpty() ? null : SceneSignals.heldOut(folder, spec);
        return new SceneData(folder, train, test);
    }

    private static List<SceneObject> first(List<SceneObject> objects, int n) {
        return n <= 0 || n >= objects.size() ? objects : objects.subList(0, n);
    }

    /** {@code scenes:<category>}, the data set name of a scene run's score. */
    public static String datasetName(String category) {
        return PREFIX + category;
    }

    /** Whether a {@link RunScore#dataset()} names scenes. */
    public static boolean isSceneDataset(String dataset) {
        return dataset != null && dataset.startsWith(PREFIX);
    }

    /** The category of a scene data set name: {@code scenes:chairs} -> {@code chairs}. */
    public static String category(String dataset) {
        return dataset.substring(PREFIX.length());
    }

    /** Mean PSNR of the all-white prediction on the held-out query views (NaN without held-out scenes). */
    public double whitePsnr() {
        return test == null ? Double.NaN : Arrays.stream(test.whitePsnr()).average().orElse(Double.NaN);
    }

    /** "data/offline-scenes/chairs: 40 training objects, 14 held-out objects (140 scenes) at 32x32" */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d training objects, %d held-out objects (%d scenes) at %dx%d",
                folder.root().resolve(folder.category()), folder.train().size(), folder.test().size(),
                test == null ? 0 : test.count(), train.resolution(), train.resolution());
    }

    /** "32x32 views, 20 steps of batch 8, 40 train / 14 held-out objects (140 scenes), cpu()" */
    public String scale(TrainingRecipe recipe, String device) {
        TrainingPlan plan = recipe.plan(train.count());
        return String.format(Locale.ROOT, "%dx%d views, %d steps of batch %d, %d train / %d held-out objects (%d "
                        + "scenes), %s", train.resolution(), train.resolution(), plan.steps(), plan.batchSize(),
                folder.train().size(), folder.test().size(), test == null ? 0 : test.count(), device);
    }

    /** Trains a fresh run of {@code recipe} on these scenes (see {@link TrainingRecipe#train}). */
    public ExperimentRun train(TrainingRecipe recipe, Path runDir, boolean resume, Device device,
                               ProgressListener listener, StopRequest stop) {
        ExperimentRun run = ExperimentRun.create(recipe.name(), recipe.spec(), recipe.configYaml(),
                recipe.basePreset(), device);
        try {
            run.train(recipe.plan(train.count()), train, test, runDir, resume, listener, stop);
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** The held-out score of a run {@code recipe} trained on these scenes (objects counted, not episodes). */
    public RunScore score(TrainingRecipe recipe, ExperimentRun run) {
        TrainingResult r = run.result();
        return new RunScore(recipe.name(), recipe.spec().modelType(), datasetName(folder.category()),
                train.resolution(), r == null ? 0 : r.stepsDone(), recipe.plan(train.count()).batchSize(),
                folder.train().size(), folder.test().size(), r == null ? Double.NaN : r.finalEvalPsnr(),
                run.model().parameters().manager().getDevice().toString());
    }
}
