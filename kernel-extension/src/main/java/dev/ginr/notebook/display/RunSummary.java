package dev.ginr.notebook.display;

import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.TrainingResult;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.XYChart;

import java.util.Locale;

/**
 * A run as a short summary: name, model, how training ended, steps, last training loss/PSNR, held-out PSNR,
 * throughput, checkpoint, and the loss/PSNR curve. This is how a run from {@code %ginr_train} renders.
 */
public final class RunSummary {

    private RunSummary() {}

    /** The summary of {@code run}; {@code scale} states its resolution and budget (may be empty). */
    public static DisplayData render(ExperimentRun run, String scale) {
        return render(run, scale, "");
    }

    /** The summary of {@code run} with {@code note} (e.g. how to resume) as its last line, when not empty. */
    public static DisplayData render(ExperimentRun run, String scale, String note) {
        String text = text(run, scale) + (note == null || note.isBlank() ? "" : "\n  " + note);
        DisplayData d = new DisplayData(text);
        StringBuilder h = new StringBuilder("<div class=\"ginr-run\" style=\"font-family:sans-serif\">");
        text.lines().findFirst().ifPresent(l -> h.append("<b>").append(Html.escape(l)).append("</b>"));
        h.append("<ul style=\"margin:2px 0\">");
        text.lines().skip(1).forEach(l -> h.append("<li>").append(Html.escape(l.strip())).append("</li>"));
        h.append("</ul>");
        TrainingResult r = run.result();
        if (r != null) {
            XYChart curve = ProgressCurve.of(r.history(), r.evaluations());
            if (curve != null) {
                h.append(PngImages.imgTag(ChartImages.png(curve, ChartImages.SCALE), curve.getWidth(),
                        curve.getHeight(), "loss and PSNR by step"));
            }
        }
        d.putHTML(h.append("</div>").toString());
        return d;
    }

    /** The summary as text lines: a headline, then one fact per line. */
    public static String text(ExperimentRun run, String scale) {
        TrainingResult r = run.result();
        StringBuilder s = new StringBuilder("run '" + run.name() + "' (" + run.spec().modelType().yamlName() + ")");
        if (scale != null && !scale.isBlank()) {
            s.append("\n  scale: ").append(scale);
        }
        if (r == null) {
            return s.append("\n  not trained in this session (loaded from a checkpoint)").toString();
        }
        s.append("\n  ").append(r.completed() ? "completed" : r.stopReason().equals("interrupted")
                ? "interrupted by the user" : r.stopReason()).append(" after ").append(r.stepsDone()).append(" steps");
        ProgressEvent last = r.history().isEmpty() ? null : r.history().get(r.history().size() - 1);
        if (last != null) {
            s.append(String.format(Locale.ROOT, "\n  last training batch: loss %.5f, PSNR %.2f dB", last.loss(),
                    last.psnr()));
            if (Double.isFinite(last.stepsPerSecond())) {
                s.append(String.format(Locale.ROOT, "\n  throughput: %.2f steps/s", last.stepsPerSecond()));
            }
        }
        if (!r.evaluations().isEmpty()) {
            s.append(String.format(Locale.ROOT, "\n  held-out PSNR: %.2f dB at step %d", r.finalEvalPsnr(),
                    (long) r.evaluations().get(r.evaluations().size() - 1)[0]));
        }
        s.append("\n  checkpoint: ").append(r.lastCheckpoint() == null ? "none written" : r.lastCheckpoint());
        return s.toString();
    }
}
