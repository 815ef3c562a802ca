package dev.ginr.inr.experiment;

import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.TrainingResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learning curves of several runs in one long table, one row per (run, step) at which anything was recorded:
 * the training loss and batch PSNR at the logging interval, and the held-out PSNR at the evaluation interval
 * (missing where the step has no such value). What {@code %ginr_compare} plots, for the user's own analysis.
 */
public final class LearningCurves {

    private LearningCurves() {}

    /** The curves of {@code runs} (each with its training result); a run not trained in this session is refused. */
    public static Table of(List<ExperimentRun> runs) {
        Table t = Table.create("learning curves", StringColumn.create("run"), LongColumn.create("step"),
                DoubleColumn.create("loss"), DoubleColumn.create("training PSNR (dB)"),
                DoubleColumn.create("held-out PSNR (dB)"));
        for (ExperimentRun run : runs) {
            TrainingResult r = run.result();
            if (r == null) {
                throw new IllegalArgumentException("run '" + run.name() + "' has no learning curve: it was loaded "
                        + "from a checkpoint, not trained in this session");
            }
            Map<Long, double[]> byStep = new TreeMap<>(); // step -> {loss, training PSNR, held-out PSNR}
            for (ProgressEvent e : r.history()) {
                byStep.computeIfAbsent(e.step(), s -> empty())[0] = e.loss();
                byStep.get(e.step())[1] = e.psnr();
            }
            for (double[] ev : r.evaluations()) {
                byStep.computeIfAbsent((long) ev[0], s -> empty())[2] = ev[1];
            }
            byStep.forEach((step, v) -> {
                t.stringColumn(0).append(run.name());
                t.longColumn(1).append(step);
                for (int i = 0; i < 3; i++) {
                    if (Double.isNaN(v[i])) {
                        t.doubleColumn(2 + i).appendMissing();
                    } else {
                        t.doubleColumn(2 + i).append(v[i]);
                    }
                }
            });
        }
        return t;
    }

    private static double[] empty() {
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
}
