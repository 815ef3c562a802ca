package dev.ginr.inr.experiment;

import ai.djl.Device;
import dev.ginr.inr.config.ConfigReadResult;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.config.YamlConfigReader;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.inr.train.StopRequest;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything that decides one training run's outcome, in one value: the validated spec (with the YAML it came from),
 * the image folder, the run length, the batch and how many images to use. The notebook magics and a plain Java cell
 * go through the same recipe, so the same recipe and seed give the same PSNR either way.
 *
 * <p>Defaults: the config's run length and batch, every image of the folder. The batch is capped at the number of
 * training images (a larger batch would repeat images within a step). Logging, evaluation and checkpoint intervals
 * follow from the run length: progress every {@code max(1, steps / 200)} steps; a checkpoint every tenth of the run
 * (so that an interrupted run always has a recent one); held-out PSNR every tenth of a run of 100 steps or more; both
 * always at the end.
 *
 * @param name        the run's name
 * @param spec        the experiment
 * @param configYaml  the YAML the spec was read from (stored with every checkpoint)
 * @param basePreset  the preset the YAML overrides, or null
 * @param data        an image folder (or a folder of WAV clips for audio): with {@code train/} and {@code test/},
 *                    or split 90/10 by the seed
 * @param steps       optimiser steps; 0 = the config's run length
 * @param batchSize   signals per step; 0 = the config's batch
 * @param trainImages use only the first this many training images; 0 = all
 * @param testImages  use only the first this many held-out images; 0 = all
 */
public record TrainingRecipe(String name, ExperimentSpec spec, String configYaml, String basePreset, Path data,
                             int steps, int batchSize, int trainImages, int testImages) {

    public TrainingRecipe {
        require(name != null && !name.isBlank(), "name", name, "a run name");
        require(spec != null, "spec", null, "an experiment spec");
        require(configYaml != null, "configYaml", null, "the YAML text of the spec");
        require(data != null, "data", null, "a data folder");
        require(steps >= 0, "steps", steps, ">= 0 (0 = the config's run length)");
        require(batchSize >= 0, "batch", batchSize, ">= 0 (0 = the config's batch)");
        require(trainImages >= 0 && testImages >= 0, "images", trainImages + " / " + testImages, ">= 0 (0 = all)");
        if (!spec.dataset().isImage() && !SignalData.isAudio(spec) && !spec.dataset().isScene() && data != null) {
            DataResolution r = DataResolution.resolve(spec, configYaml, data);
            spec = r.spec();
            configYaml = r.yaml();
        }
        require(spec.dataset().isImage() || SignalData.isAudio(spec) || spec.dataset().isScene(),
                "dataset.resolution", spec.dataset().resolution(), "an image, audio or scene experiment (this recipe "
                        + "trains on image folders, folders of WAV clips and multi-view folders)");
    }

    private static void require(boolean ok, String what, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(what + " = " + value + " is invalid: " + allowed);
        }
    }

    /** A recipe for a shipped preset with the preset's defaults. */
    public static TrainingRecipe ofPreset(String name, String preset, ModelType type, Path data) {
        return new TrainingRecipe(name, Presets.load(preset).withModelType(type), "", preset, data, 0, 0, 0, 0);
    }

    /** A recipe for a config read from YAML text, over {@code basePreset} when it is not null. */
    public static TrainingRecipe ofYaml(String name, String yaml, String basePreset, Path data) {
        return new TrainingRecipe(name, read(yaml, basePreset, name), yaml, basePreset, data, 0, 0, 0, 0);
    }

    private static ExperimentSpec read(String yaml, String basePreset, String label) {
        YamlConfigReader reader = new YamlConfigReader();
        ConfigReadResult r = basePreset == null ? reader.read(yaml, label) : reader.readOverPreset(basePreset, yaml,
                label);
        return r.spec();
    }

    public TrainingRecipe withName(String n) {
        return new TrainingRecipe(n, spec, configYaml, basePreset, data, steps, batchSize, trainImages, testImages);
    }

    public TrainingRecipe withData(Path d) {
        return new TrainingRecipe(name, spec, configYaml, basePreset, d, steps, batchSize, trainImages, testImages);
    }

    public TrainingRecipe withSteps(int n) {
        return new TrainingRecipe(name, spec, configYaml, basePreset, data, n, batchSize, trainImages, testImages);
    }

    public TrainingRecipe withBatchSize(int b) {
        return new TrainingRecipe(name, spec, configYaml, basePreset, data, steps, b, trainImages, testImages);
    }

    /** Uses only the first {@code train} training and {@code test} held-out images (0 = all). */
    public TrainingRecipe withImages(int train, int test) {
        return new TrainingRecipe(name, spec, configYaml, basePreset, data, steps, batchSize, train, test);
    }

    /** The same recipe with {@code experiment.seed} set to {@code seed} (the YAML is rewritten too). */
    public TrainingRecipe withSeed(long seed) {
        String yaml = ConfigText.set(configYaml, "experiment", "seed", seed);
        ExperimentSpec seeded = read(yaml, basePreset, name).withModelType(spec.modelType());
        return new TrainingRecipe(name, seeded, yaml, basePreset, data, steps, batchSize, trainImages, testImages);
    }

    public TrainingRecipe withModelType(ModelType type) {
        return new TrainingRecipe(name, spec.withModelType(type), configYaml, basePreset, data, steps, batchSize,
                trainImages, testImages);
    }

    /**
     * The same recipe with the instance pattern composers on hyponet layer {@code layerIndex} only (0-based, as
     * {@code arch.modulated_layer_idxs}: 0 = the first layer after the Fourier features, which the paper calls
     * layer 1). The YAML is rewritten too, so that a checkpoint of this run reloads with the same layer.
     */
    public TrainingRecipe withModulatedLayer(int layerIndex) {
        require(spec.modelType().usesComposers(), "arch.type", spec.modelType().yamlName(),
                "a model with instance pattern composers (" + ModelType.LOW_RANK_TRANSINR.yamlName() + " or "
                        + ModelType.META_LOW_RANK.yamlName() + ") to move the modulated layer");
        String yaml = ConfigText.set(configYaml, "arch", "modulated_layer_idxs", List.of(layerIndex));
        ExperimentSpec moved = read(yaml, basePreset, name).withModelType(spec.modelType());
        return new TrainingRecipe(name, moved, yaml, basePreset, data, steps, batchSize, trainImages, testImages);
    }

    /** The train and held-out images of {@link #data}, limited as the recipe says (image experiments). */
    public ImageFolder.Split loadData() {
        require(spec.dataset().isImage(), "dataset", spec.dataset().type(), "images for loadData (loadSignals "
                + "reads any kind)");
        SignalFolder.Split s = loadSignals();
        return new ImageFolder.Split((ImageFolder) s.train(), (ImageFolder) s.test());
    }

    /** The train and held-out signals of {@link #data} (images or audio clips), limited as the recipe says. */
    public SignalFolder.Split loadSignals() {
        SignalFolder.Split all = SignalData.load(spec, data);
        SignalFolder train = all.train().first(trainImages);
        if (train.files().isEmpty()) {
            throw new IllegalArgumentException("no readable training " + (SignalData.isAudio(spec) ? "clip" : "image")
                    + " under " + data.toAbsolutePath() + " (" + all.summary() + ")");
        }
        return new SignalFolder.Split(train, all.test().first(testImages));
    }

    /**
     * The multi-view scenes of {@link #data} for a novel view synthesis spec, limited to the first
     * {@code trainImages} training and {@code testImages} held-out objects (0 = all).
     */
    public SceneData loadScenes() {
        return SceneData.load(data, spec, trainImages, testImages);
    }

    /** The training plan for {@code trainCount} training images. */
    public TrainingPlan plan(int trainCount) {
        TrainingPlan plan = TrainingPlan.from(spec, trainCount);
        if (steps > 0) {
            plan = plan.withSteps(steps);
        }
        int batch = Math.min(batchSize > 0 ? batchSize : plan.batchSize(), Math.max(1, trainCount));
        int n = plan.steps();
        return plan.withBatchSize(batch).withIntervals(n >= 100 ? n / 10 : 0, Math.max(1, n / 10),
                Math.max(1, n / 200));
    }

    /**
     * Trains a fresh run on {@code split} (from {@link #loadData()}); its checkpoints go to {@code runDir} (null:
     * none). The run, with its {@link ExperimentRun#result()}, belongs to the caller, who closes it.
     *
     * @param device where the model lives (null: the engine's default)
     */
    public ExperimentRun train(ImageFolder.Split split, Path runDir, boolean resume, Device device,
                               ProgressListener listener) {
        return train(new SignalFolder.Split(split.train(), split.test()), runDir, resume, device, listener,
                new StopRequest());
    }

    /** As {@link #train(ImageFolder.Split, Path, boolean, Device, ProgressListener)}, for signals of any kind. */
    public ExperimentRun train(SignalFolder.Split split, Path runDir, boolean resume, Device device,
                               ProgressListener listener) {
        return train(split, runDir, resume, device, listener, new StopRequest());
    }

    /** As {@link #train(ImageFolder.Split, Path, boolean, Device, ProgressListener)}; {@code stop} ends it early. */
    public ExperimentRun train(ImageFolder.Split split, Path runDir, boolean resume, Device device,
                               ProgressListener listener, StopRequest stop) {
        return train(new SignalFolder.Split(split.train(), split.test()), runDir, resume, device, listener, stop);
    }

    /** As {@link #train(SignalFolder.Split, Path, boolean, Device, ProgressListener)}; {@code stop} ends it early. */
    public ExperimentRun train(SignalFolder.Split split, Path runDir, boolean resume, Device device,
                               ProgressListener listener, StopRequest stop) {
        ExperimentRun run = ExperimentRun.create(name, spec, configYaml, basePreset, device);
        try {
            run.train(plan(split.train().files().size()), split.train().signals(),
                    split.test().files().isEmpty() ? null : split.test().signals(), runDir, resume, listener, stop);
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** The held-out score of a run this recipe trained on {@code split}. */
    public RunScore score(ExperimentRun run, ImageFolder.Split split) {
        return score(run, new SignalFolder.Split(split.train(), split.test()));
    }

    /** As {@link #score(ExperimentRun, ImageFolder.Split)}, for signals of any kind. */
    public RunScore score(ExperimentRun run, SignalFolder.Split split) {
        TrainingResult r = run.result();
        return new RunScore(name, spec.modelType(), spec.dataset().type(), spec.dataset().resolution(),
                r == null ? 0 : r.stepsDone(), plan(split.train().files().size()).batchSize(),
                split.train().files().size(), split.test().files().size(),
                r == null ? Double.NaN : r.finalEvalPsnr(), run.model().parameters().manager().getDevice().toString(),
                spec.dataset().clipSeconds());
    }
}
