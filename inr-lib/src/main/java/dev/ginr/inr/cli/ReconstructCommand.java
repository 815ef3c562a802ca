package dev.ginr.inr.cli;

import ai.djl.Device;
import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.Images;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.SignalData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ginr reconstruct}: writes the reconstructions of a trained run as PNGs, optionally upsampled. The output
 * folder is marked as ginr's output ({@link ImageFiles#OUTPUT_MARKER}), so that a data folder holding it never reads
 * the reconstructions back as training images. An upsampling ratio whose result does not fit in memory is refused
 * before rendering, with the largest ratio that fits.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Reconstruct images (PNG) or audio clips (16-bit WAV: truth, reconstruction, render at K "
                + "times the rate) with a trained run (--upsample K renders K times denser; audio: 2 by default).")
final class ReconstructCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN", description = "run folder or checkpoint")
    Path checkpoint;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "folder of images or WAV clips to "
            + "reconstruct")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the PNGs go (marked as ginr "
            + "output: image folders above it skip it)")
    Path out;

    @Option(names = "--upsample", defaultValue = "1", description = "render at K times the resolution (default 1)")
    double upsample;

    @Option(names = "--limit", defaultValue = "16", description = "at most this many images or clips (default 16)")
    int limit;

    @Override
    public Integer call() {
        OutputFolders.check(out, data);
        Device on = device.resolve();
        try (ExperimentRun run = ExperimentRun.load(checkpoint, on)) {
            if (run.spec().dataset().isScene()) {
                SceneOutputs.Scenes scenes = SceneOutputs.Scenes.load(data, run.spec());
                int n = SceneOutputs.reconstruct(run, scenes, out, upsample, limit);
                System.out.printf(Locale.ROOT, "wrote support, query and rendered views and a %d-view turntable of %d "
                        + "held-out scenes to %s%n", SceneOutputs.TURNTABLE_FRAMES, n, out);
                return 0;
            }
            if (SignalData.isAudio(run.spec())) {
                SignalFolder clips = SignalData.loadAll(run.spec(), data, limit);
                System.out.println(clips.summary() + " from " + data);
                return AudioOutputs.reconstruct(run, clips, out, upsample);
            }
            int size = run.spec().dataset().resolution();
            ImageFolder images = ImageFolder.load(data, size, limit);
            System.out.println(images.summary() + " from " + data);
            SignalBatch recon = run.reconstruct(images.images(), upsample);
            int h = recon.grid()[0];
            int w = recon.grid()[1];
            ImageFiles.markAsOutput(out, "ginr reconstruct");
            for (int i = 0; i < recon.count(); i++) {
                Images.writePng(Images.fromRgb(recon.signal(i), h, w),
                        out.resolve(String.format(Locale.ROOT, "recon-%03d-%dx%d.png", i, h, w)));
            }
            System.out.printf(Locale.ROOT, "wrote %d reconstructions at %dx%d to %s%n", recon.count(), h, w, out);
            return 0;
        }
    }
}
