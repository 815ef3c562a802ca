package dev.ginr.notebook.display;

import dev.ginr.inr.train.ProgressEvent;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.XYChart;

import java.util.List;
import java.util.Locale;

/**
 * One frame of a running training as a display: a progress bar, step/total, steps/s, ETA, the last loss and PSNR,
 * the last held-out PSNR and a small curve (HTML), with the same facts on one text/plain line.
 */
public final class TrainingView {

    private TrainingView() {}

    /** The frame for {@code title} after {@code events} (possibly none yet) and {@code evaluations}. */
    public static DisplayData frame(String title, String subtitle, List<ProgressEvent> events,
                                    List<double[]> evaluations) {
        return frame(title, subtitle, events, evaluations, Double.NaN, 0, curveHtml(events, evaluations));
    }

    /**
     * The frame {@code elapsedSeconds} into the run, {@code sinceLastEvent} seconds after the last event (the ETA
     * counts down between events).
     */
    public static DisplayData frame(String title, String subtitle, List<ProgressEvent> events,
                                    List<double[]> evaluations, double elapsedSeconds, double sinceLastEvent,
                                    String curveHtml) {
        ProgressEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        String facts = facts(last, evaluations, elapsedSeconds, sinceLastEvent);
        DisplayData d = new DisplayData(title + "  " + bar(last) + "  " + facts);
        StringBuilder h = new StringBuilder("<div class=\"ginr-training\" style=\"font-family:sans-serif\">");
        h.append("<b>").append(Html.escape(title)).append("</b>");
        if (subtitle != null && !subtitle.isBlank()) {
            h.append(" <span style=\"color:#666\">").append(Html.escape(subtitle)).append("</span>");
        }
        double pct = last == null ? 0 : 100 * last.fraction();
        h.append(String.format(Locale.ROOT, "<div style=\"width:420px;height:12px;background:#eee;border-radius:3px;"
                + "margin:4px 0\"><div style=\"width:%.1f%%;height:12px;background:#3b7dd8;border-radius:3px\">"
                + "</div></div>", pct));
        h.append("<div>").append(Html.escape(facts)).append("</div>");
        d.putHTML(h.append(curveHtml).append("</div>").toString());
        return d;
    }

    /** The loss and PSNR curve as an HTML image, or "" before there are points to draw. */
    public static String curveHtml(List<ProgressEvent> events, List<double[]> evaluations) {
        XYChart curve = ProgressCurve.of(events, evaluations);
        return curve == null ? "" : PngImages.imgTag(ChartImages.png(curve, ChartImages.SCALE), curve.getWidth(),
                curve.getHeight(), "loss and PSNR by step");
    }

    /**
     * "step 12/40 (30%) | 6 s elapsed | 2.1 steps/s | ETA 13 s | loss 0.01234 | batch PSNR 19.09 dB | held-out
     * 17.20 dB @ 10"
     */
    static String facts(ProgressEvent last, List<double[]> evaluations, double elapsedSeconds,
                        double sinceLastEvent) {
        String elapsed = Double.isFinite(elapsedSeconds) ? " | " + duration(Math.floor(elapsedSeconds)) + " elapsed"
                : "";
        if (last == null) {
            return "starting (building the model, first step)" + elapsed;
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "step %d/%d (%.0f%%)", last.step(),
                last.totalSteps(), 100 * last.fraction())).append(elapsed);
        s.append(" | ").append(Double.isFinite(last.stepsPerSecond())
                ? String.format(Locale.ROOT, "%.2f steps/s", last.stepsPerSecond()) : "- steps/s");
        s.append(" | ETA ").append(duration(Math.max(0, last.etaSeconds() - Math.max(0, sinceLastEvent))));
        s.append(String.format(Locale.ROOT, " | loss %.5f | batch PSNR %.2f dB", last.loss(), last.psnr()));
        if (!evaluations.isEmpty()) {
            double[] e = evaluations.get(evaluations.size() - 1);
            s.append(String.format(Locale.ROOT, " | held-out PSNR %.2f dB at step %d", e[1], (long) e[0]));
        }
        return s.toString();
    }

    static String bar(ProgressEvent last) {
        int width = 24;
        int done = last == null ? 0 : (int) Math.round(width * last.fraction());
        return "[" + "#".repeat(done) + "-".repeat(width - done) + "]";
    }

    /** "42 s", "3 min 05 s", "1 h 02 min", or "-" when unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
