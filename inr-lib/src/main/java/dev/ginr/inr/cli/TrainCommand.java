package dev.ginr.inr.cli;

import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.experiment.DataResolution;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.ImageData;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ginr train}: trains a generalizable INR on an image folder, with progress, checkpoints and a PSNR table. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a generalizable INR on images (a folder with train/ and test/, or any image folder "
                + "split 90/10 by a seeded draw).")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "image folder")
    Path data;

    @Option(names = "--steps", paramLabel = "N", description = "optimiser steps (default: the config's run length)")
    Integer steps;

    @Option(names = "--out", paramLabel = "RUN", description = "run folder for the checkpoint (default runs/NAME)")
    Path out;

    @Option(names = "--name", description = "run name (default: the run folder's name)")
    String name;

    @Option(names = "--resume", description = "continue from the run folder's checkpoint if there is one")
    boolean resume;

    @Option(names = "--eval-every", paramLabel = "N", description = "held-out PSNR every N steps (default: config)")
    Integer evalEvery;

    @Override
    public Integer call() {
        ExperimentOptions.Loaded loaded = experiment.load();
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("data folder " + data + " does not exist");
        }
        DataResolution sized = DataResolution.resolve(loaded.spec(), loaded.yaml(), data);
        if (sized.note() != null) {
            System.out.println(sized.note());
        }
        ExperimentSpec spec = sized.spec();
        Path runDir = out != null ? out : Path.of("runs", name != null ? name : spec.modelType().yamlName());
        String runName = name != null ? name : runDir.getFileName().toString();
        ImageFolder.Split split = ImageData.load(data, spec.dataset().resolution(), spec.experiment().seed());
        System.out.println(ImageData.summary(split) + " at " + spec.dataset().resolution() + "x"
                + spec.dataset().resolution());
        if (split.train().files().isEmpty()) {
            throw new IllegalArgumentException("no readable training image under " + data);
        }
        TrainingPlan plan = TrainingPlan.from(spec, split.train().files().size());
        if (steps != null) {
            plan = plan.withSteps(steps).withIntervals(plan.evalEvery(), plan.checkpointEvery(),
                    Math.max(1, Math.min(50, steps / 20)));
        }
        if (evalEvery != null) {
            plan = plan.withIntervals(evalEvery, plan.checkpointEvery(), plan.logEvery());
        }
        System.out.printf(Locale.ROOT, "training %s (%s) for %d steps, batch %d, lr %g; run folder %s%n", runName,
                spec.modelType().yamlName(), plan.steps(), plan.batchSize(), plan.learningRate(), runDir);
        try (ExperimentRun run = ExperimentRun.create(runName, spec, sized.yaml(), loaded.basePreset())) {
            TrainingResult r = run.train(plan, split.train().images(),
                    split.test().files().isEmpty() ? null : split.test().images(), runDir, resume,
                    new TerminalProgress(System.out) {
                        @Override
                        public void onEvaluation(long step, double psnr) {
                            System.out.printf(Locale.ROOT, "step %d: held-out PSNR %.2f dB%n", step, psnr);
                        }
                    });
            if (!r.completed()) {
                System.err.println("ginr train: " + r.stopReason());
                return r.stopReason().equals("interrupted") ? 130 : 1;
            }
            PsnrTable table = new PsnrTable().add(runName, spec.modelType().yamlName(), "train",
                    run.evaluate(split.train().images()));
            if (!split.test().files().isEmpty()) {
                table.add(runName, spec.modelType().yamlName(), "test", run.evaluate(split.test().images()));
            }
            System.out.println(table);
            System.out.println("checkpoint: " + r.lastCheckpoint());
            ProgressEvent last = r.history().isEmpty() ? null : r.history().get(r.history().size() - 1);
            if (last != null && !Double.isNaN(last.stepsPerSecond())) {
                System.out.printf(Locale.ROOT, "throughput: %.2f steps/s%n", last.stepsPerSecond());
            }
            return 0;
        }
    }
}
