package dev.ginr.inr.cli;

import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.ImageData;
import dev.ginr.inr.experiment.PsnrTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ginr eval}: held-out PSNR of a trained run. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Mean PSNR of a trained run on images.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN", description = "run folder or checkpoint")
    Path checkpoint;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "image folder (its test/ part when it has train/ and test/)")
    Path data;

    @Override
    public Integer call() {
        try (ExperimentRun run = ExperimentRun.load(checkpoint)) {
            if (run.spec().dataset().isScene()) {
                SceneOutputs.Scenes scenes = SceneOutputs.Scenes.load(data, run.spec());
                System.out.println(scenes.summary());
                System.out.println(SceneOutputs.evaluation(run, scenes));
                return 0;
            }
            int size = run.spec().dataset().resolution();
            ImageFolder.Split split = ImageData.load(data, size, run.spec().experiment().seed());
            ImageFolder test = split.test().files().isEmpty() ? split.train() : split.test();
            System.out.println(test.summary() + " from " + data);
            System.out.println(new PsnrTable().add(run.name(), run.spec().modelType().yamlName(),
                    split.test().files().isEmpty() ? "all" : "test", run.evaluate(test.images())));
            return 0;
        }
    }
}
