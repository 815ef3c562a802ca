package dev.ginr.inr.experiment;

import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.data.SignalKind;
import dev.ginr.inr.data.audio.AudioClipFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data of an experiment, of whatever signal kind its config names ({@link SignalKind#of}): images through
 * {@link ImageData}, audio clips through {@link AudioClipFolder}. A folder with {@code train/} and {@code test/} is
 * used as split; any other folder is split by a seeded {@link ImageData#HOLD_OUT} hold-out, for every kind.
 */
public final class SignalData {

    private SignalData() {}

    /** The train and held-out signals under {@code dir}, read as {@code spec}'s data set describes them. */
    public static SignalFolder.Split load(ExperimentSpec spec, Path dir) {
        requireFolder(spec, dir);
        long seed = spec.experiment().seed();
        if (isAudio(spec)) {
            AudioClipFolder.Split s = AudioClipFolder.loadSplit(dir, spec.dataset().clipSamples(),
                    spec.dataset().samplingRate(), ImageData.HOLD_OUT, seed);
            return new SignalFolder.Split(s.train(), s.test());
        }
        ImageFolder.Split s = ImageData.load(dir, spec.dataset().resolution(), seed);
        return new SignalFolder.Split(s.train(), s.test());
    }

    /** At most {@code limit} signals under {@code dir} (all of it, no split), the first in sorted path order. */
    public static SignalFolder loadAll(ExperimentSpec spec, Path dir, int limit) {
        requireFolder(spec, dir);
        if (isAudio(spec)) {
            return AudioClipFolder.load(dir, spec.dataset().clipSamples(), spec.dataset().samplingRate(), limit);
        }
        return ImageFolder.load(dir, spec.dataset().resolution(), limit);
    }

    /** Whether {@code spec} reconstructs audio clips. */
    public static boolean isAudio(ExperimentSpec spec) {
        return !spec.dataset().isImage() && spec.dataset().clipSamples() > 0;
    }

    /** "at 32x32" for images, "as 1 s clips at 16000 Hz" for audio. */
    public static String describe(ExperimentSpec spec) {
        return (isAudio(spec) ? "as " : "at ") + scale(spec);
    }

    /** "32x32" for images, "1 s clips at 16000 Hz" for audio. */
    public static String scale(ExperimentSpec spec) {
        if (isAudio(spec)) {
            return String.format(Locale.ROOT, "%s s clips at %d Hz", seconds(spec.dataset().clipSeconds()),
                    spec.dataset().samplingRate());
        }
        int s = spec.dataset().resolution();
        return s + "x" + s;
    }

    /**
     * Adds the silent prediction's PSNR on {@code signals} to {@code table} as the row "silence" (model "all
     * zeros"), for audio experiments; images get no such row.
     */
    public static PsnrTable addSilentBaseline(PsnrTable table, ExperimentSpec spec, String split, SignalBatch signals) {
        if (isAudio(spec) && signals.count() > 0) {
            table.add("silence", "all zeros", split, silentPsnr(signals));
        }
        return table;
    }

    /**
     * PSNR of the silent prediction (all zeros) on each of {@code signals}: -10 log10(mean x^2), the baseline an
     * audio reconstruction must beat (PSNR as the reference computes it for audio, peak 1).
     */
    public static double[] silentPsnr(SignalBatch signals) {
        double[] out = new double[signals.count()];
        for (int i = 0; i < out.length; i++) {
            double ms = 0;
            for (float v : signals.signal(i)) {
                ms += v * (double) v;
            }
            out[i] = -10 * Math.log10(ms / ((double) signals.points() * signals.channels()));
        }
        return out;
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /** Fails with a message that says what {@code dir} is, and what the experiment reads, when it is not a folder. */
    private static void requireFolder(ExperimentSpec spec, Path dir) {
        if (!isAudio(spec)) {
            ImageData.requireFolder(dir);
        } else if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data folder " + dir + (Files.exists(dir) ? " is a file, not a "
                    + "folder; give a folder of WAV files (with train/ and test/ subfolders, or without)"
                    : " does not exist"));
        }
    }
}
