package dev.ginr.notebook.magic;

import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.RunScore;
import dev.ginr.inr.experiment.SceneData;
import dev.ginr.inr.experiment.TrainingRecipe;

import java.nio.file.Path;

/**
 * A run the session knows by name: the run itself, and when it was trained here, the recipe, the images it used
 * (or scenes) and its held-out score (null for a run loaded from a folder until {@code %ginr_eval} scores it).
 */
public record SessionRun(ExperimentRun run, TrainingRecipe recipe, SignalFolder.Split data, RunScore score,
                         SceneData scenes) {

    /** A run on images or audio clips (no scenes). */
    public SessionRun(ExperimentRun run, TrainingRecipe recipe, SignalFolder.Split data, RunScore score) {
        this(run, recipe, data, score, null);
    }

    public SessionRun withScore(RunScore s) {
        return new SessionRun(run, recipe, data, s, scenes);
    }

    /**
     * The multi-view scenes of a novel view synthesis run: the run's own when no folder is given, else those of
     * {@code dir} (or of the run's recipe, or {@code fallback}).
     */
    public SceneData scenes(Path dir, Path fallback) {
        if (dir == null && scenes != null) {
            return scenes;
        }
        Path folder = dir != null ? dir : recipe != null ? recipe.data() : fallback;
        return SceneData.load(folder, run.spec(), 0, 0);
    }

    /**
     * The signals (images or clips) to evaluate or show: the run's own split when no folder and no limit is given,
     * else the folder {@code dir} (or the run's folder, or {@code fallback}) limited to {@code testImages} held-out
     * signals.
     */
    public SignalFolder.Split signals(Path dir, int testImages, Path fallback) {
        if (dir == null && testImages == 0 && data != null) {
            return data;
        }
        Path folder = dir != null ? dir : recipe != null ? recipe.data() : fallback;
        TrainingRecipe r = recipe != null ? recipe.withData(folder) : new TrainingRecipe(run.name(), run.spec(),
                run.configYaml(), run.basePreset(), folder, 0, 0, 0, 0);
        return r.withImages(recipe != null ? recipe.trainImages() : 0, testImages).loadSignals();
    }
}
