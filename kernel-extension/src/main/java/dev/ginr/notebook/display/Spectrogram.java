package dev.ginr.notebook.display;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short-time Fourier transform magnitude of a waveform in decibels, drawn as an XChart heat map (time across,
 * frequency up). Frames of 32 ms with a Hann window, every 16 ms; |X(t, f)|^2 is averaged over {@link #ROWS} equal
 * frequency bands from 0 Hz to the Nyquist frequency and shown as 10 log10 relative to full scale, floored at
 * {@link #FLOOR_DB}.
 *
 * @param db        (frames, ROWS) power in dB, frame-major
 * @param frameSecs the time between frames, seconds
 * @param nyquist   the top of the frequency axis, Hz
 */
public record Spectrogram(double[][] db, double frameSecs, double nyquist) {

    /** Frequency bands shown. */
    public static final int ROWS = 48;
    /** The lowest level shown, dB relative to a full-scale sine. */
    public static final double FLOOR_DB = -100;

    /** The spectrogram of {@code samples} at {@code rate} Hz. */
    public static Spectrogram of(float[] samples, int rate) {
        int window = Integer.highestOneBit(Math.max(16, (int) Math.round(rate * 0.032))); // 512 at 16 kHz
        int hop = window / 2;
        int frames = Math.max(1, 1 + (samples.length - window) / hop);
        double[] hann = new double[window];
        double gain = 0;
        for (int n = 0; n < window; n++) {
            hann[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / window);
            gain += hann[n];
        }
        double[][] db = new double[frames][ROWS];
        int bins = window / 2 + 1;
        for (int t = 0; t < frames; t++) {
            double[] re = new double[window];
            double[] im = new double[window];
            for (int n = 0; n < window && t * hop + n < samples.length; n++) {
                re[n] = samples[t * hop + n] * hann[n];
            }
            Fft.transform(re, im);
            for (int r = 0; r < ROWS; r++) {
                int from = r * bins / ROWS;
                int to = Math.max(from + 1, (r + 1) * bins / ROWS);
                double power = 0;
                for (int k = from; k < to; k++) {
                    power += re[k] * re[k] + im[k] * im[k];
                }
                double amplitude = 2 * Math.sqrt(power / (to - from)) / gain; // a full-scale sine reads 0 dB
                db[t][r] = Math.max(FLOOR_DB, 20 * Math.log10(amplitude + 1e-12));
            }
        }
        return new Spectrogram(db, (double) hop / rate, rate / 2.0);
    }

    /** The heat map, {@code width} x {@code height} pixels, colours from dark (floor) to bright (0 dB). */
    public HeatMapChart chart(String title, int width, int height) {
        HeatMapChart c = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("time (s)").yAxisTitle("frequency (kHz)").build();
        c.getStyler().setLegendVisible(false).setPlotContentSize(1.0).setChartTitleBoxVisible(false);
        c.getStyler().setRangeColors(new Color[] {new Color(0, 0, 32), new Color(96, 0, 128), new Color(224, 64, 32),
                new Color(255, 224, 64)});
        // Each cell is also stroked in its own colour: filled alone, the cells' fractional edges let the plot's white
        // background through as a grid of seams.
        c.getStyler().setMin(FLOOR_DB).setMax(0).setDrawBorder(true).setPlotGridLinesVisible(false);
        c.getStyler().setAxisTickLabelsFont(c.getStyler().getAxisTickLabelsFont().deriveFont(8f));
        List<String> times = new ArrayList<>();
        for (int t = 0; t < db.length; t++) { // a label every ~0.25 s; the others blank (unique, so kept apart)
            boolean labelled = t % Math.max(1, (int) Math.round(0.25 / frameSecs)) == 0;
            times.add(labelled ? String.format(Locale.ROOT, "%.2f", t * frameSecs) : " ".repeat(t + 1));
        }
        List<String> freqs = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            freqs.add(r % (ROWS / 8) == 0 ? String.format(Locale.ROOT, "%.0f", r * nyquist / ROWS / 1000) : " ".repeat(r + 1));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < db.length; t++) {
            for (int r = 0; r < ROWS; r++) {
                cells.add(new Number[] {t, r, db[t][r]});
            }
        }
        c.addSeries("power (dB)", times, freqs, cells);
        return c;
    }

    /** An in-place iterative radix-2 FFT. */
    static final class Fft {

        private Fft() {}

        /** X(k) = sum_n x(n) e^{-2 pi i k n / N} over (re, im); N a power of two. */
        static void transform(double[] re, double[] im) {
            int n = re.length;
            for (int i = 1, j = 0; i < n; i++) { // bit-reversal permutation
                int bit = n >> 1;
                for (; (j & bit) != 0; bit >>= 1) {
                    j ^= bit;
                }
                j ^= bit;
                if (i < j) {
                    double t = re[i]; re[i] = re[j]; re[j] = t;
                    t = im[i]; im[i] = im[j]; im[j] = t;
                }
            }
            for (int len = 2; len <= n; len <<= 1) {
                double angle = -2 * Math.PI / len;
                for (int start = 0; start < n; start += len) {
                    for (int k = 0; k < len / 2; k++) {
                        double wr = Math.cos(angle * k);
                        double wi = Math.sin(angle * k);
                        int a = start + k;
                        int b = a + len / 2;
                        double xr = re[b] * wr - im[b] * wi;
                        double xi = re[b] * wi + im[b] * wr;
                        re[b] = re[a] - xr;
                        im[b] = im[a] - xi;
                        re[a] += xr;
                        im[a] += xi;
                    }
                }
            }
        }
    }
}
