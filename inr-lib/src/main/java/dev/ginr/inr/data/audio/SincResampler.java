package dev.ginr.inr.data.audio;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc filter in polyphase form.
 *
 * <p>The ratio out/in is reduced to L/M. Conceptually the input is upsampled by L (zeros between samples), low-pass
 * filtered and kept every M-th sample; the polyphase form evaluates only the kept outputs:
 * y[n] = sum_k x[k] h(n M - k L), with h the L-gain low-pass filter sampled at the upsampled rate L f_in.
 *
 * <p>Filter, relative to the lower of the two Nyquist frequencies F = min(f_in, f_out) / 2:
 * <ul>
 *   <li>passband 0 .. 0.9 F, ripple below +-0.0003 dB (Kaiser, stopband attenuation A = 90 dB: delta = 10^(-A/20));
 *   <li>transition 0.9 F .. F, cutoff (-6 dB) at 0.95 F;
 *   <li>stopband from F up, attenuated by at least 90 dB, so nothing above the new Nyquist folds back.
 * </ul>
 * Kaiser's design formulas: beta = 0.1102 (A - 8.7), length N = (A - 8) / (2.285 dw) + 1 taps at the upsampled
 * rate, dw the transition width in radians per upsampled sample. From 44.1 kHz to 16 kHz that is L/M = 160/441,
 * about 50,000 taps in all, 315 per output sample; from 48 kHz, L/M = 1/3 and 345 taps. Samples before the start
 * and after the end count as zero. The output has ceil(n L / M) samples; sample 0 of both lies at time 0.
 */
public final class SincResampler {

    /** Stopband attenuation in dB. */
    public static final double ATTENUATION_DB = 90;
    /** Passband edge as a fraction of the lower Nyquist frequency. */
    public static final double PASSBAND = 0.9;
    /** Reduced ratios needing more filter phases than this are refused (all common rates need at most 640). */
    public static final int MAX_PHASES = 4096;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    /** Taps per phase; {@code taps[p][j]} = h(p - (j - half + 1) L) for phase p. */
    private final float[][] taps;
    private final int half;

    public SincResampler(int inRate, int outRate) {
        if (inRate < 1 || outRate < 1) {
            throw new IllegalArgumentException("sample rates must be positive, got " + inRate + " Hz -> " + outRate
                    + " Hz");
        }
        int g = gcd(inRate, outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        this.up = outRate / g;
        this.down = inRate / g;
        if (up > MAX_PHASES) {
            throw new IllegalArgumentException("unsupported sample rate " + inRate + " Hz: converting it to " + outRate
                    + " Hz needs " + up + " filter phases (at most " + MAX_PHASES + "); common rates such as 8000, "
                    + "11025, 22050, 32000, 44100, 48000 and 96000 Hz are supported");
        }
        double upsampledRate = (double) inRate * up;
        double nyquist = Math.min(inRate, outRate) / 2.0;
        double cutoff = (PASSBAND + 1) / 2 * nyquist / upsampledRate; // cycles per upsampled sample
        double dw = 2 * Math.PI * (1 - PASSBAND) * nyquist / upsampledRate;
        double halfLength = Math.ceil((ATTENUATION_DB - 8) / (2.285 * dw) / 2); // in upsampled samples
        double beta = 0.1102 * (ATTENUATION_DB - 8.7);
        this.half = (int) Math.ceil(halfLength / up) + 1;
        this.taps = new float[up][2 * half];
        double i0Beta = besselI0(beta);
        for (int p = 0; p < up; p++) {
            for (int j = 0; j < 2 * half; j++) {
                double u = p - (double) (j - half + 1) * up; // offset n M - k L in upsampled samples
                taps[p][j] = (float) (up * lowPass(u, cutoff) * kaiser(u, halfLength, beta, i0Beta));
            }
        }
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Number of output samples for {@code n} input samples: ceil(n L / M). */
    public int outputLength(int n) {
        return (int) ((n * (long) up + down - 1) / down);
    }

    /** The input resampled to the output rate. */
    public float[] resample(float[] x) {
        float[] y = new float[outputLength(x.length)];
        for (int n = 0; n < y.length; n++) {
            long pos = (long) n * down;
            int base = (int) (pos / up); // the last input sample at or before output n
            float[] h = taps[(int) (pos % up)];
            double acc = 0;
            int from = Math.max(0, half - 1 - base);
            int to = Math.min(2 * half, x.length - base + half - 1);
            for (int j = from; j < to; j++) {
                acc += h[j] * x[base + j - half + 1];
            }
            y[n] = (float) acc;
        }
        return y;
    }

    /** Ideal low-pass impulse response with cutoff {@code fc} cycles per sample: 2 fc sinc(2 fc u). */
    private static double lowPass(double u, double fc) {
        if (u == 0) {
            return 2 * fc;
        }
        double x = 2 * Math.PI * fc * u;
        return 2 * fc * Math.sin(x) / x;
    }

    private static double kaiser(double u, double halfLength, double beta, double i0Beta) {
        double r = u / halfLength;
        return Math.abs(r) > 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
