package dev.ginr.inr.cli;

import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.Images;
import dev.ginr.inr.train.InstanceFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ginr fit}: fits images from a folder with per-image composers and prints the PSNR reached. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit images from a folder with instance pattern composers (W = V U on one layer) and print "
                + "the PSNR reached.")
final class FitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "folder of PNG/JPEG images (searched recursively)")
    Path dir;

    @Option(names = "--size", defaultValue = "32", description = "resize + centre-crop to SIZE x SIZE (default 32)")
    int size;

    @Option(names = "--limit", defaultValue = "8", description = "fit at most this many images (default 8)")
    int limit;

    @Option(names = "--steps", defaultValue = "300", description = "Adam steps (default 300)")
    int steps;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default 1e-3)")
    double lr;

    @Option(names = "--layers", defaultValue = "5", description = "MLP layers incl. output (default 5)")
    int layers;

    @Option(names = "--width", defaultValue = "64", description = "hidden width (default 64)")
    int width;

    @Option(names = "--ff-dim", defaultValue = "32", description = "Fourier frequencies in all (default 32)")
    int ffDim;

    @Option(names = "--ff-sigma", defaultValue = "32", description = "largest Fourier frequency (default 32)")
    double ffSigma;

    @Option(names = "--rank", defaultValue = "64", description = "composer rank (default 64)")
    int rank;

    @Option(names = "--layer", defaultValue = "1", description = "0-based index of the modulated layer (default 1)")
    int layer;

    @Option(names = "--composers-only", description = "train only the composers V, not the shared weights")
    boolean composersOnly;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default 0)")
    long seed;

    @Option(names = "--log-every", defaultValue = "10", description = "progress every N steps (default 10)")
    int logEvery;

    @Option(names = "--out", description = "write the reconstructions as PNGs into this folder")
    Path out;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        ai.djl.Device on = device.resolve(); // before any image is read
        HyponetConfig hyponet = HyponetConfig.image(layers, width, ffDim, ffSigma);
        InstanceFitter fitter = new InstanceFitter(hyponet, ComposerConfig.of(layer, rank));
        InstanceFitter.Settings settings = new InstanceFitter.Settings(steps, lr, !composersOnly, seed, logEvery);
        if (out != null) {
            OutputFolders.check(out, dir);
        }
        ImageFolder folder = ImageFolder.load(dir, size, limit);
        System.out.println(folder.summary() + " from " + dir + " at " + size + "x" + size);
        if (folder.files().isEmpty()) {
            System.err.println("ginr fit: no readable PNG/JPEG image under " + dir);
            return 1;
        }
        InstanceFitter.Result result;
        try (NDManager manager = GinrEngine.engine().newBaseManager(on);
             SignalStop signals = SignalStop.install("ginr fit", false)) {
            result = fitter.fit(manager, folder.images(), settings, new TerminalProgress(System.out),
                    signals.request());
            if (signals.received() != null) {
                System.err.printf(Locale.ROOT, "ginr fit: stopped by %s after step %d of %d: PSNR %.2f dB (mean over "
                        + "%d images)%n", signals.received(), result.stepsDone(), steps, result.meanFinalPsnr(),
                        folder.files().size());
                return signals.exitStatus();
            }
        }
        if (out != null) {
            ImageFiles.markAsOutput(out, "ginr fit");
            for (int i = 0; i < folder.files().size(); i++) {
                Images.writePng(Images.fromRgb(result.reconstructions().signal(i), size, size),
                        out.resolve(String.format(Locale.ROOT, "recon-%03d.png", i)));
            }
            System.out.println("reconstructions written to " + out);
        }
        System.out.printf(Locale.ROOT, "PSNR after %d steps: %.2f dB (mean over %d images)%n", steps,
                result.meanFinalPsnr(), folder.files().size());
        return 0;
    }
}
