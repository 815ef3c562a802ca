package dev.ginr.inr.data.prepare;

import java.util.Arrays;

/**
 * Where a recording holds speech, by frame energy, and whether a clip is fit to train on.
 *
 * <p>Trimming: frames of 20 ms; a frame is active when its RMS is within {@link #ACTIVE_DB} of the loudest frame's
 * (and above -60 dBFS); the recording is cut to its first through last active frame with 50 ms of margin.
 * A clip is refused when its RMS is below {@link #MIN_RMS_DBFS} (nearly silent) or when more than 0.1% of its
 * samples sit at full scale (clipped).
 */
public final class SpeechActivity {

    /** Activity threshold relative to the loudest frame, dB. */
    public static final double ACTIVE_DB = -40;
    /** Clips quieter than this RMS level (dB re full scale) are refused. */
    public static final double MIN_RMS_DBFS = -45;
    private static final double FLOOR = 1e-3; // -60 dBFS
    private static final double FULL_SCALE = 0.999;

    private SpeechActivity() {}

    /** The recording without its leading and trailing silence, or an empty array when no frame is active. */
    public static float[] trim(float[] x, int rate) {
        int frame = Math.max(1, rate / 50);
        int frames = (x.length + frame - 1) / frame;
        double[] rms = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            rms[f] = rms(x, f * frame, Math.min(x.length, (f + 1) * frame));
            loudest = Math.max(loudest, rms[f]);
        }
        double threshold = Math.max(FLOOR, loudest * Math.pow(10, ACTIVE_DB / 20));
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (rms[f] >= threshold) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        if (first < 0) {
            return new float[0];
        }
        int margin = rate / 20;
        return Arrays.copyOfRange(x, Math.max(0, first * frame - margin),
                Math.min(x.length, (last + 1) * frame + margin));
    }

    /** Why a clip is unfit ("nearly silent (-52.1 dBFS)", "clipped (0.4% of samples at full scale)"), or null. */
    public static String unfit(float[] clip) {
        double db = dbfs(clip);
        if (db < MIN_RMS_DBFS) {
            return String.format(java.util.Locale.ROOT, "nearly silent (%.1f dBFS)", db);
        }
        long full = 0;
        for (float v : clip) {
            full += Math.abs(v) >= FULL_SCALE ? 1 : 0;
        }
        if (full > clip.length / 1000) {
            return String.format(java.util.Locale.ROOT, "clipped (%.2f%% of samples at full scale)",
                    100.0 * full / clip.length);
        }
        return null;
    }

    /** RMS level in dB re full scale. */
    public static double dbfs(float[] x) {
        return 20 * Math.log10(Math.max(1e-12, rms(x, 0, x.length)));
    }

    /** Largest absolute sample. */
    public static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * (double) x[i];
        }
        return to > from ? Math.sqrt(s / (to - from)) : 0;
    }
}
