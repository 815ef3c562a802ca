package dev.ginr.notebook.magic;

import ai.djl.Device;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.SceneData;
import dev.ginr.inr.experiment.TrainingRecipe;
import dev.ginr.inr.train.StopRequest;
import dev.ginr.inr.train.TrainingResult;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.TrainingDisplay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %ginr_train NAME [--data DIR] [--steps N] [--out RUN] ...}: trains config NAME (from {@code %%ginr_config},
 * or a preset name) with one live display updated in place, stores the run in the session and returns it. An
 * interrupt stops it at the next step boundary with a checkpoint at that step (see {@link TrainingJob}); the run
 * stays in the session, its summary says how {@code --resume} continues it, and the kernel lives on.
 */
public final class TrainMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_train", "NAME", 1, 1,
            "Trains the config NAME (a %%ginr_config cell or a preset) on an image folder with a live progress "
                    + "display; the run is stored under its name (NAME, or --name) and its checkpoint goes to the run "
                    + "folder (default: <runs>/<name>). Interrupt the kernel to stop at the next step with a checkpoint.",
            options());

    private final long tickMillis;

    public TrainMagic(GinrSession session, long tickMillis) {
        super(session, USAGE);
        this.tickMillis = tickMillis;
    }

    private static List<Usage.Option> options() {
        List<Usage.Option> o = new ArrayList<>(RecipeOptions.OPTIONS);
        o.add(Usage.Option.of("out", "RUN", "run folder for the checkpoint (default: <runs>/<name>)"));
        o.add(Usage.Option.of("model", "TYPE", "another model of the same config: transinr, "
                + "low_rank_modulated_transinr, meta_low_rank_modulated_inr, learned_init"));
        o.add(Usage.Option.of("name", "RUN", "the run's name (default: NAME, or NAME-<model> with --model)"));
        o.add(Usage.Option.flag("resume", "continue from the run folder's checkpoint if there is one"));
        return o;
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        RecipeOptions.Values values = RecipeOptions.Values.of(args);
        String config = args.positional(0);
        ModelType type = args.has("model") ? ModelType.fromYaml("--model", args.get("model", null)) : null;
        String runName = args.get("name", type == null ? config : config + "-" + type.yamlName());
        NamedConfig named = session.config(config);
        TrainingRecipe recipe = named.recipe(runName, args.path("data", session.defaultData(named.spec())));
        if (type != null) {
            recipe = recipe.withModelType(type);
        }
        recipe = values.apply(recipe);
        return train(recipe, args.path("out", session.runsRoot().resolve(runName)), args.has("resume"), sink,
                USAGE.command(args, "resume"));
    }

    /** Trains {@code recipe} with a live display in {@code sink}; the plain Java form of this magic. */
    public ExperimentRun train(TrainingRecipe recipe, Path runDir, boolean resume, DisplaySink sink) {
        return train(recipe, runDir, resume, sink, "train(recipe, runDir, true, sink)");
    }

    /**
     * Trains with a live display; the run goes into the session, also when interrupted (with its checkpoint at the
     * interrupt step), and an interrupted run's summary says where the checkpoint is and how {@code resumeCommand}
     * continues from it.
     */
    ExperimentRun train(TrainingRecipe recipe, Path runDir, boolean resume, DisplaySink sink, String resumeCommand) {
        if (recipe.spec().dataset().isScene()) {
            return trainScenes(recipe, runDir, resume, sink, resumeCommand);
        }
        SignalFolder.Split split = recipe.loadSignals();
        Device device = session.device();
        TrainingDisplay display = new TrainingDisplay(sink, "training '" + recipe.name() + "' ("
                + recipe.spec().modelType().yamlName() + ")", tickMillis, System::currentTimeMillis)
                .start(RecipeOptions.scale(recipe, split, device.toString()) + "; run folder " + runDir);
        TrainingRecipe r = recipe;
        try {
            return TrainingJob.run("ginr-train-" + recipe.name(), () -> {
                ExperimentRun trained = r.train(split, runDir, resume, device, display);
                session.putRun(new SessionRun(trained, r, split, r.score(trained, split)));
                display.finish(trained, resumeNote(trained, resumeCommand)); // from here: the cell may be gone
                return trained;
            });
        } catch (RuntimeException e) {
            String message = e instanceof TrainingJob.StoppedWithFailure ? "interrupted; then the training failed ("
                    + e.getCause() + "); the last checkpoint written: " + lastCheckpoint(runDir) : e.getMessage();
            display.fail(message);
            throw new MagicFailure(USAGE.magic() + ": " + message);
        }
    }

    /** Novel view synthesis: the recipe's multi-view scenes, scored on the held-out objects' query views. */
    private ExperimentRun trainScenes(TrainingRecipe recipe, Path runDir, boolean resume, DisplaySink sink,
                                      String resumeCommand) {
        SceneData scenes = recipe.loadScenes();
        Device device = session.device();
        TrainingDisplay display = new TrainingDisplay(sink, "training '" + recipe.name() + "' ("
                + recipe.spec().modelType().yamlName() + ")", tickMillis, System::currentTimeMillis)
                .start(scenes.scale(recipe, device.toString()) + "; run folder " + runDir);
        try {
            return TrainingJob.run("ginr-train-" + recipe.name(), () -> {
                ExperimentRun trained = scenes.train(recipe, runDir, resume, device, display, new StopRequest());
                session.putRun(new SessionRun(trained, recipe, null, scenes.score(recipe, trained), scenes));
                display.finish(trained, resumeNote(trained, resumeCommand));
                return trained;
            });
        } catch (RuntimeException e) {
            String message = e instanceof TrainingJob.StoppedWithFailure ? "interrupted; then the training failed ("
                    + e.getCause() + "); the last checkpoint written: " + lastCheckpoint(runDir) : e.getMessage();
            display.fail(message);
            throw new MagicFailure(USAGE.magic() + ": " + message);
        }
    }

    /** For a run that stopped early with a checkpoint: where it is and the call that continues from it. */
    static String resumeNote(ExperimentRun run, String resumeCommand) {
        TrainingResult r = run.result();
        if (r == null || r.completed() || r.lastCheckpoint() == null) {
            return "";
        }
        return "to continue from step " + r.stepsDone() + ": " + resumeCommand;
    }

    private static String lastCheckpoint(Path runDir) {
        Path file = runDir.resolve(ExperimentRun.CHECKPOINT);
        return Files.isRegularFile(file) ? file + " (load it with %ginr_eval " + runDir + ")" : "none";
    }
}
