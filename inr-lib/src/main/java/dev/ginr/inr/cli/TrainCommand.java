package dev.ginr.inr.cli;

import ai.djl.Device;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.DataResolution;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.inr.train.Checkpoint;
import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.RunFolder;
import dev.ginr.inr.train.Trainer;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ginr train}: trains a generalizable INR on a folder of images or audio clips, with progress, checkpoints and a PSNR table.
 *
 * <p>The run folder is checked before anything is loaded: it must be a folder (or creatable), not in use by another
 * training, and a checkpoint in it is continued only with {@code --resume} and replaced only with
 * {@code --overwrite}. Ctrl-C, SIGTERM and SIGHUP end the training at the next step boundary with a checkpoint and a
 * line saying how to resume ({@link SignalStop}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a generalizable INR on images or audio clips, as the config says (a folder with train/ "
                + "and test/, or any folder of images or WAV files split 90/10 by a seeded draw), or, with an NVS config "
                + "(nvs-small), on a multi-view scene folder.")
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    DeviceOption device;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "folder of images or WAV clips")
    Path data;

    @Option(names = "--steps", paramLabel = "N", description = "optimiser steps (default: the config's run length)")
    Integer steps;

    @Option(names = "--out", paramLabel = "RUN", description = "run folder for the checkpoint (default runs/NAME)")
    Path out;

    @Option(names = "--name", description = "run name (default: the run folder's name)")
    String name;

    @Option(names = "--resume", description = "continue from the run folder's checkpoint if there is one")
    boolean resume;

    @Option(names = "--overwrite", description = "start a new run in a run folder that holds a checkpoint (the new "
            + "run's first checkpoint replaces it)")
    boolean overwrite;

    @Option(names = "--eval-every", paramLabel = "N", description = "held-out PSNR every N steps (default: config)")
    Integer evalEvery;

    @Override
    public Integer call() {
        if (resume && overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume and --overwrite exclude each other: "
                    + "--resume continues the run folder's checkpoint, --overwrite starts a new run over it");
        }
        ExperimentOptions.Loaded loaded = experiment.load();
        Device on = device.resolve();
        Path runDir = out != null ? out : Path.of("runs", name != null ? name
                : loaded.spec().modelType().yamlName());
        String runName = name != null ? name : runDir.toAbsolutePath().normalize().getFileName().toString();
        checkRunFolder(runDir, loaded.spec());
        if (loaded.spec().dataset().isScene()) {
            return trainScenes(loaded, runDir, runName, on);
        }
        DataResolution sized = DataResolution.resolve(loaded.spec(), loaded.yaml(), data);
        if (sized.note() != null) {
            System.out.println(sized.note());
        }
        ExperimentSpec exp = sized.spec();
        SignalFolder.Split split = SignalData.load(exp, data);
        System.out.println(split.summary() + " " + SignalData.describe(exp));
        if (split.train().files().isEmpty()) {
            throw new IllegalArgumentException("no readable training " + (SignalData.isAudio(exp) ? "clip" : "image")
                    + " under " + data);
        }
        TrainingPlan plan = plan(exp, split.train().files().size());
        announce(runName, exp, plan, runDir);
        try (ExperimentRun run = ExperimentRun.create(runName, exp, sized.yaml(), loaded.basePreset(), on);
             SignalStop signals = SignalStop.install("ginr train", true)) {
            TrainingResult r = run.train(plan, split.train().signals(),
                    split.test().files().isEmpty() ? null : split.test().signals(), runDir, resume, progress(),
                    signals.request());
            if (signals.received() != null || !r.completed()) {
                return stopped(r, plan, signals);
            }
            PsnrTable table = new PsnrTable().add(runName, exp.modelType().yamlName(), "train",
                    run.evaluate(split.train().signals()));
            if (!split.test().files().isEmpty() && signals.received() == null) {
                table.add(runName, exp.modelType().yamlName(), "test", run.evaluate(split.test().signals()));
                SignalData.addSilentBaseline(table, exp, "test", split.test().signals());
            }
            return signals.received() != null ? stopped(r, plan, signals) : completed(r, table);
        }
    }

    private static void announce(String runName, ExperimentSpec exp, TrainingPlan plan, Path runDir) {
        System.out.printf(Locale.ROOT, "training %s (%s) for %d step%s, batch %d, lr %g; run folder %s%n", runName,
                exp.modelType().yamlName(), plan.steps(), plan.steps() == 1 ? "" : "s", plan.batchSize(),
                plan.learningRate(), runDir);
    }

    /** Novel view synthesis on a multi-view folder ({@link SceneOutputs}). */
    private int trainScenes(ExperimentOptions.Loaded loaded, Path runDir, String runName, Device on) {
        ExperimentSpec exp = loaded.spec();
        SceneOutputs.Scenes scenes = SceneOutputs.Scenes.load(data, exp);
        System.out.println(scenes.summary());
        TrainingPlan plan = plan(exp, scenes.train().count());
        announce(runName, exp, plan, runDir);
        try (ExperimentRun run = ExperimentRun.create(runName, exp, loaded.yaml(), loaded.basePreset(), on);
             SignalStop signals = SignalStop.install("ginr train", true)) {
            TrainingResult r = run.train(plan, scenes.train(), scenes.test(), runDir, resume, progress(),
                    signals.request());
            if (signals.received() != null || !r.completed()) {
                return stopped(r, plan, signals);
            }
            return completed(r, scenes.test() == null ? new PsnrTable() : SceneOutputs.evaluation(run, scenes));
        }
    }

    /** The progress bar, held-out PSNR lines and notes. */
    private static TerminalProgress progress() {
        return new TerminalProgress(System.out) {
            @Override
            public void onEvaluation(long step, double psnr) {
                System.out.printf(Locale.ROOT, "step %d: held-out PSNR %.2f dB%n", step, psnr);
            }

            @Override
            public void onNotice(String message) {
                System.err.println("ginr train: note: " + message);
            }
        };
    }

    private static int completed(TrainingResult r, PsnrTable table) {
        System.out.println(table);
        System.out.println("checkpoint: " + r.lastCheckpoint());
        ProgressEvent last = r.history().isEmpty() ? null : r.history().get(r.history().size() - 1);
        if (last != null && !Double.isNaN(last.stepsPerSecond())) {
            System.out.printf(Locale.ROOT, "throughput: %.2f steps/s%n", last.stepsPerSecond());
        }
        return 0;
    }

    /** Fails before anything is loaded when the run folder cannot be used as asked. */
    private void checkRunFolder(Path runDir, ExperimentSpec exp) {
        RunFolder.check(runDir);
        Path checkpoint = runDir.resolve(RunFolder.CHECKPOINT);
        if (Files.exists(checkpoint) && !resume && !overwrite) {
            throw new IllegalArgumentException("run folder " + runDir + " already holds a checkpoint" + describe(
                    checkpoint) + "; add --resume to continue it, or --overwrite to start a new run over it");
        }
        if (resume && Files.exists(checkpoint)) {
            Trainer.checkResumable(checkpoint, exp.modelType().yamlName(), exp.experiment().seed());
        }
        if (resume && !Files.exists(checkpoint)) {
            System.err.println("ginr train: note: no checkpoint in " + runDir + " yet: starting a new run");
        }
    }

    private static String describe(Path checkpoint) {
        try {
            Checkpoint.Contents c = Checkpoint.readMetadata(checkpoint);
            return " (a " + c.meta("model.type") + " run at step " + c.metaLong("train.step") + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private TrainingPlan plan(ExperimentSpec exp, int trainCount) {
        TrainingPlan plan = TrainingPlan.from(exp, trainCount);
        if (steps != null) {
            plan = plan.withSteps(steps).withIntervals(plan.evalEvery(), plan.checkpointEvery(),
                    Math.max(1, Math.min(50, steps / 20)));
        }
        if (evalEvery != null) {
            plan = plan.withIntervals(evalEvery, plan.checkpointEvery(), plan.logEvery());
        }
        return plan;
    }

    /** One line on how the run ended early, where its checkpoint is and how to go on; returns the exit status. */
    private int stopped(TrainingResult r, TrainingPlan plan, SignalStop signals) {
        if (signals.received() == null) {
            System.err.println("ginr train: " + r.stopReason());
            return r.stopReason().equals("interrupted") ? 130 : 1;
        }
        String how = "ginr train: stopped by " + signals.received();
        if (r.lastCheckpoint() == null) {
            System.err.println(how + " before the first step; nothing was saved");
        } else if (r.stepsDone() >= plan.steps()) {
            System.err.println(how + " after the last step (" + r.stepsDone() + " of " + plan.steps()
                    + "); checkpoint " + r.lastCheckpoint());
        } else {
            System.err.println(how + " after step " + r.stepsDone() + " of " + plan.steps() + "; checkpoint "
                    + r.lastCheckpoint() + "; to resume: " + resumeCommand());
        }
        return signals.exitStatus();
    }

    /** The command line that started this run, with --resume (and without --overwrite). */
    private String resumeCommand() {
        StringBuilder s = new StringBuilder("ginr");
        boolean hasResume = false;
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            if (arg.equals("--overwrite")) {
                continue;
            }
            hasResume |= arg.equals("--resume");
            s.append(' ').append(arg.isEmpty() || arg.matches(".*[\\s'\"$`\\\\].*")
                    ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return hasResume ? s.toString() : s + " --resume";
    }
}
