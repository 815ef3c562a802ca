package dev.ginr.inr.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ConfigReadResult;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.YamlConfigReader;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.MetaLearner;
import dev.ginr.inr.model.Models;
import dev.ginr.inr.train.AdaptationResult;
import dev.ginr.inr.train.Checkpoint;
import dev.ginr.inr.train.Checkpoints;
import dev.ginr.inr.train.Evaluation;
import dev.ginr.inr.train.GridSignals;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.inr.train.RunFolder;
import dev.ginr.inr.train.SignalSet;
import dev.ginr.inr.train.StopRequest;
import dev.ginr.inr.train.Trainer;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named run of one experiment: the spec (with the YAML it came from), the model, and where its checkpoint lives.
 * Every checkpoint carries the config YAML, the model type and the seed, so {@link #load} rebuilds the same model
 * from the checkpoint alone.
 */
public final class ExperimentRun implements AutoCloseable {

    public static final String CHECKPOINT = RunFolder.CHECKPOINT;
    static final String CONFIG_KEY = "config.yaml";
    static final String PRESET_KEY = "config.base_preset";

    private final String name;
    private final ExperimentSpec spec;
    private final String configYaml;
    private final String basePreset;
    private final NDManager manager;
    private final GeneralizableInr model;
    private TrainingResult result;

    private ExperimentRun(String name, ExperimentSpec spec, String configYaml, String basePreset, Device device) {
        this.name = name;
        this.spec = spec;
        this.configYaml = configYaml;
        this.basePreset = basePreset;
        this.manager = device == null ? GinrEngine.engine().newBaseManager()
                : GinrEngine.engine().newBaseManager(device);
        GinrEngine.seed(spec.experiment().seed());
        this.model = Models.create(spec, manager, DataType.FLOAT32);
    }

    /**
     * A fresh, untrained run of {@code spec}; {@code configYaml} is the text the spec was read from, over the preset
     * {@code basePreset} (null when the text stands alone). Both are stored with every checkpoint.
     */
    public static ExperimentRun create(String name, ExperimentSpec spec, String configYaml, String basePreset) {
        return new ExperimentRun(name, spec, configYaml, basePreset, null);
    }

    /**
     * As {@link #create(String, ExperimentSpec, String, String)}, with the model's parameters (and so every tensor
     * of its steps) on {@code device}; null means the engine's default device (GPU 0 if there is one, else CPU).
     */
    public static ExperimentRun create(String name, ExperimentSpec spec, String configYaml, String basePreset,
                                       Device device) {
        return new ExperimentRun(name, spec, configYaml, basePreset, device);
    }

    /** A fresh run of a shipped preset. */
    public static ExperimentRun ofPreset(String name, String preset, ModelType type) {
        ExperimentSpec spec = dev.ginr.inr.config.Presets.load(preset).withModelType(type);
        return new ExperimentRun(name, spec, dev.ginr.inr.config.Presets.yaml(preset), null, null);
    }

    /** Reloads a run from its folder (or a checkpoint file): the model with its trained parameters. */
    public static ExperimentRun load(Path runDirOrCheckpoint) {
        return load(runDirOrCheckpoint, null);
    }

    /** As {@link #load(Path)}, on {@code device} (null: the engine's default device). */
    public static ExperimentRun load(Path runDirOrCheckpoint, Device device) {
        Path file = Files.isDirectory(runDirOrCheckpoint) ? runDirOrCheckpoint.resolve(CHECKPOINT)
                : runDirOrCheckpoint;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no checkpoint at " + file + " (a run folder holds " + CHECKPOINT + ")");
        }
        Map<String, String> meta = Checkpoint.readMetadata(file).metadata();
        String yaml = meta.get(CONFIG_KEY);
        if (yaml == null) {
            throw new IllegalArgumentException("checkpoint " + file + " carries no config; was it written by ginr?");
        }
        String preset = meta.get(PRESET_KEY);
        ConfigReadResult read = preset == null ? new YamlConfigReader().read(yaml, file.toString())
                : new YamlConfigReader().readOverPreset(preset, yaml, file.toString());
        ExperimentSpec spec = read.spec().withModelType(ModelType.fromYaml("model.type", meta.get("model.type")));
        String name = meta.getOrDefault("run.name", file.toAbsolutePath().getParent().getFileName().toString());
        ExperimentRun run = new ExperimentRun(name, spec, yaml, preset, device);
        Checkpoints.loadParameters(run.model.parameters(), file);
        return run;
    }

    /**
     * Trains for {@code plan} (see {@link TrainingPlan#from}); checkpoints go to {@code runDir} when it is not null.
     * Resumes from {@code runDir}'s checkpoint when {@code resume} is set and one exists.
     */
    public TrainingResult train(TrainingPlan plan, SignalBatch train, SignalBatch test, Path runDir, boolean resume,
                                ProgressListener listener) {
        return train(plan, train, test, runDir, resume, listener, new StopRequest());
    }

    /**
     * As {@link #train(TrainingPlan, SignalBatch, SignalBatch, Path, boolean, ProgressListener)}; {@code stop} ends
     * the training at the next step boundary (with a checkpoint) when another thread raises it.
     */
    public TrainingResult train(TrainingPlan plan, SignalBatch train, SignalBatch test, Path runDir, boolean resume,
                                ProgressListener listener, StopRequest stop) {
        return train(plan, new GridSignals(train), test == null ? null : new GridSignals(test), runDir, resume,
                listener, stop);
    }

    /**
     * As {@link #train(TrainingPlan, SignalBatch, SignalBatch, Path, boolean, ProgressListener, StopRequest)}, on
     * signals of any kind (images and audio as {@link GridSignals}, scenes as {@link SceneSignals}).
     */
    public TrainingResult train(TrainingPlan plan, SignalSet train, SignalSet test, Path runDir, boolean resume,
                                ProgressListener listener, StopRequest stop) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put(CONFIG_KEY, configYaml);
        provenance.put("run.name", name);
        provenance.put("config.source", spec.source());
        if (basePreset != null) {
            provenance.put(PRESET_KEY, basePreset);
        }
        try (Trainer trainer = new Trainer(model, plan, provenance)) {
            trainer.setStopRequest(stop);
            if (resume && runDir != null && Files.exists(runDir.resolve(CHECKPOINT))) {
                trainer.resume(runDir.resolve(CHECKPOINT)).forEach(listener::onNotice);
            }
            result = trainer.train(train, test, runDir, listener);
            return result;
        }
    }

    /** PSNR of every signal of {@code data}. */
    public double[] evaluate(SignalBatch data) {
        return Evaluation.psnr(model, data, spec.experiment().batchSize());
    }

    /** PSNR of every signal of {@code data} of any kind (for scenes: of each episode's rendered query views). */
    public double[] evaluate(SignalSet data) {
        return Evaluation.psnr(model, data, spec.experiment().batchSize());
    }

    /** Reconstructions of {@code data}, rendered at {@code upsample} times its resolution. */
    public SignalBatch reconstruct(SignalBatch data, double upsample) {
        return Evaluation.reconstruct(model, data, upsample, spec.experiment().batchSize());
    }

    /**
     * The inner loop of a meta-learned run step by step on {@code data}: reconstruction and PSNR of every signal
     * before each inner step (step 0 = the learned initialisation) and after the last.
     *
     * @throws IllegalArgumentException when the run is not meta-learned (it has no inner steps)
     */
    public AdaptationResult adaptation(SignalBatch data) {
        return Evaluation.adaptation(metaLearner(), data, spec.experiment().batchSize());
    }

    /** A meta-learned run's learned initialisation rendered on its own on {@code grid} (before any inner step). */
    public SignalBatch learnedInitialisation(int[] grid) {
        return Evaluation.learnedInitialisation(metaLearner(), grid);
    }

    private MetaLearner metaLearner() {
        if (model instanceof MetaLearner m) {
            return m;
        }
        throw new IllegalArgumentException("run '" + name + "' is " + model.type() + ", which has no inner steps: "
                + "only meta-learned runs (" + ModelType.META_LOW_RANK.yamlName() + ", "
                + ModelType.LEARNED_INIT.yamlName() + ") adapt by inner steps from a learned initialisation");
    }

    public String name() {
        return name;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** The config YAML the run was made from (stored with every checkpoint). */
    public String configYaml() {
        return configYaml;
    }

    /** The preset the config YAML overrides, or null when the YAML stands alone. */
    public String basePreset() {
        return basePreset;
    }

    public GeneralizableInr model() {
        return model;
    }

    /** The result of the last {@link #train} call, or null. */
    public TrainingResult result() {
        return result;
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
