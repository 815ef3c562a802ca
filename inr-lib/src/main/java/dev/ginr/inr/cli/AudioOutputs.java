package dev.ginr.inr.cli;

import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.inr.train.Metrics;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The audio branch of {@code ginr reconstruct}: the WAV files (16-bit mono): per clip the ground truth, the reconstruction at the clip's rate and
 * a render of the same INR at K times the rate ({@code --upsample K}, 2 when not given).
 */
final class AudioOutputs {

    /** The render rate factor when {@code --upsample} is left at 1. */
    static final double DEFAULT_UPSAMPLE = 2;

    private AudioOutputs() {}

    /** Writes truth, reconstruction and a K-times-rate render of every clip into {@code out}; returns 0. */
    static int reconstruct(ExperimentRun run, SignalFolder clips, Path out, double upsample) {
        int rate = run.spec().dataset().samplingRate();
        double k = upsample == 1 ? DEFAULT_UPSAMPLE : upsample;
        SignalBatch truth = clips.signals();
        SignalBatch recon = run.reconstruct(truth, 1);
        SignalBatch dense = run.reconstruct(truth, k);
        int denseRate = (int) Math.round((double) rate * dense.points() / truth.points());
        ImageFiles.markAsOutput(out, "ginr reconstruct");
        double[] silence = SignalData.silentPsnr(truth);
        for (int i = 0; i < truth.count(); i++) {
            String stem = String.format(Locale.ROOT, "clip-%03d", i);
            WavFile.write(out.resolve(stem + "-truth.wav"), truth.signal(i), rate);
            WavFile.write(out.resolve(String.format(Locale.ROOT, "%s-recon-%dhz.wav", stem, rate)), recon.signal(i),
                    rate);
            WavFile.write(out.resolve(String.format(Locale.ROOT, "%s-recon-%dhz.wav", stem, denseRate)),
                    dense.signal(i), denseRate);
            System.out.printf(Locale.ROOT, "%s (%s): PSNR %.2f dB, silence %.2f dB%n", stem,
                    clips.files().get(i).getFileName(), psnr(truth.signal(i), recon.signal(i)), silence[i]);
        }
        System.out.printf(Locale.ROOT, "wrote %d clips to %s: truth and reconstruction at %d Hz, render at %d Hz "
                + "(16-bit WAV)%n", truth.count(), out, rate, denseRate);
        return 0;
    }

    private static double psnr(float[] truth, float[] recon) {
        double se = 0;
        for (int n = 0; n < truth.length; n++) {
            double d = truth[n] - (double) recon[n];
            se += d * d;
        }
        return Metrics.psnr(se / truth.length);
    }
}
