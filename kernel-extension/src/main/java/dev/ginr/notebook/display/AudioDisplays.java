package dev.ginr.notebook.display;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.experiment.Reconstruction;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.Base64;
import java.util.Locale;

/**
 * Audio reconstructions for the notebook: per clip, the notebook's own HTML5 audio players for ground truth |
 * reconstruction | the render at K times the rate (16-bit WAV, base64 inline), the two waveforms overlaid and a
 * spectrogram of each (XChart, PNG).
 */
public final class AudioDisplays {

    static final int CHART_WIDTH = 300;
    static final int CHART_HEIGHT = 200;

    private AudioDisplays() {}

    /** An {@code <audio>} element holding {@code samples} at {@code rate} Hz as a 16-bit WAV data URI. */
    public static String player(float[] samples, int rate) {
        return "<audio controls preload=\"none\" src=\"data:audio/wav;base64,"
                + Base64.getEncoder().encodeToString(WavFile.bytes16(samples, rate)) + "\"></audio>";
    }

    /** The display of an audio reconstruction whose clips are at {@code rate} Hz. */
    public static DisplayData reconstruction(Reconstruction r, int rate) {
        SignalBatch dense = r.upsampled();
        int denseRate = dense == null ? 0 : (int) Math.round((double) rate * dense.points() / r.truth().points());
        String text = String.format(Locale.ROOT, "reconstructions by '%s' of %d clips at %d Hz: mean PSNR %.2f dB%s",
                r.run(), r.truth().count(), rate, r.meanPsnr(), dense == null ? "" : "; rendered at " + denseRate
                        + " Hz too");
        StringBuilder html = new StringBuilder("<div>").append(Html.escape(text)).append("</div>");
        for (int i = 0; i < r.truth().count(); i++) {
            html.append(clip(r, i, rate, denseRate));
        }
        DisplayData d = new DisplayData(text);
        d.putHTML(html.toString());
        return d;
    }

    private static String clip(Reconstruction r, int i, int rate, int denseRate) {
        float[] truth = r.truth().signal(i);
        float[] recon = r.reconstruction().signal(i);
        StringBuilder h = new StringBuilder("<table style=\"margin:6px 0\"><tr><th colspan=\"3\" style=\"text-align:"
                + "left\">").append(String.format(Locale.ROOT, "clip %d: PSNR %.2f dB", i, r.psnr()[i]))
                .append("</th></tr><tr><th>ground truth (").append(rate).append(" Hz)</th><th>reconstruction (")
                .append(rate).append(" Hz)</th>");
        if (denseRate > 0) {
            h.append("<th>render at ").append(denseRate).append(" Hz</th>");
        }
        h.append("</tr><tr><td>").append(player(truth, rate)).append("</td><td>").append(player(recon, rate))
                .append("</td>");
        if (denseRate > 0) {
            h.append("<td>").append(player(r.upsampled().signal(i), denseRate)).append("</td>");
        }
        h.append("</tr><tr><td>").append(spectrogram("ground truth", truth, rate)).append("</td><td>")
                .append(spectrogram("reconstruction", recon, rate)).append("</td>");
        if (denseRate > 0) {
            h.append("<td>").append(spectrogram("render at " + denseRate + " Hz", r.upsampled().signal(i), denseRate))
                    .append("</td>");
        }
        h.append("</tr><tr><td colspan=\"3\">").append(chartTag(waveforms(truth, recon, rate), "waveforms"))
                .append("</td></tr></table>");
        return h.toString();
    }

    private static String spectrogram(String title, float[] samples, int rate) {
        return chartTag(Spectrogram.of(samples, rate).chart(title, CHART_WIDTH, CHART_HEIGHT), "spectrogram, "
                + title);
    }

    private static String chartTag(Object chart, String alt) {
        var png = ChartImages.png(chart, ChartImages.SCALE);
        return PngImages.imgTag(png, png.getWidth() / ChartImages.SCALE, png.getHeight() / ChartImages.SCALE, alt);
    }

    /** Ground truth and reconstruction overlaid, each drawn as its min/max envelope over short spans. */
    public static XYChart waveforms(float[] truth, float[] recon, int rate) {
        XYChart c = new XYChartBuilder().width(3 * CHART_WIDTH).height(CHART_HEIGHT).title("waveforms")
                .xAxisTitle("time (s)").yAxisTitle("amplitude").build();
        c.getStyler().setMarkerSize(0);
        c.getStyler().setYAxisMin(-1.0).setYAxisMax(1.0);
        envelope(c, "ground truth", truth, rate);
        envelope(c, "reconstruction", recon, rate);
        return c;
    }

    private static void envelope(XYChart c, String name, float[] x, int rate) {
        int spans = Math.min(x.length, 1200);
        double[] t = new double[2 * spans];
        double[] y = new double[2 * spans];
        for (int s = 0; s < spans; s++) {
            int from = (int) ((long) s * x.length / spans);
            int to = Math.max(from + 1, (int) ((long) (s + 1) * x.length / spans));
            float lo = x[from];
            float hi = x[from];
            for (int n = from; n < to; n++) {
                lo = Math.min(lo, x[n]);
                hi = Math.max(hi, x[n]);
            }
            t[2 * s] = (double) from / rate;
            t[2 * s + 1] = (double) (to - 1) / rate;
            y[2 * s] = lo;
            y[2 * s + 1] = hi;
        }
        XYSeries series = c.addSeries(name, t, y);
        series.setMarker(SeriesMarkers.NONE);
    }
}
