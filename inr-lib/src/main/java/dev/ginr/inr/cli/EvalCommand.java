package dev.ginr.inr.cli;

import ai.djl.Device;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.experiment.SignalData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ginr eval}: held-out PSNR of a trained run. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Mean PSNR of a trained run on images or audio "
        + "clips (audio: beside the silent baseline).")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN", description = "run folder or checkpoint")
    Path checkpoint;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "folder of images or WAV clips (its test/ part when it has train/ and test/)")
    Path data;

    @Override
    public Integer call() {
        Device on = device.resolve();
        try (ExperimentRun run = ExperimentRun.load(checkpoint, on)) {
            if (run.spec().dataset().isScene()) {
                SceneOutputs.Scenes scenes = SceneOutputs.Scenes.load(data, run.spec());
                System.out.println(scenes.summary());
                System.out.println(SceneOutputs.evaluation(run, scenes));
                return 0;
            }
            SignalFolder.Split split = SignalData.load(run.spec(), data);
            boolean held = !split.test().files().isEmpty();
            SignalFolder test = held ? split.test() : split.train();
            System.out.println(test.summary() + " from " + data);
            PsnrTable table = new PsnrTable().add(run.name(), run.spec().modelType().yamlName(), held ? "test" : "all",
                    run.evaluate(test.signals()));
            SignalData.addSilentBaseline(table, run.spec(), held ? "test" : "all", test.signals());
            System.out.println(table);
            return 0;
        }
    }
}
