package dev.ginr.inr.experiment;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of an {@link AblationSweep}: one row per modulated-layer location, with our held-out PSNR and the
 * paper's Table 7 number for the same location.
 *
 * @param name   the sweep's base run name
 * @param nLayer the hyponet's layer count
 * @param rows   one per trained location, in layer order
 */
public record AblationResult(String name, int nLayer, List<Row> rows) {

    /**
     * @param paperLayer the paper's layer number (1 = first layer after the Fourier features)
     * @param layerIndex our 0-based {@code arch.modulated_layer_idxs} value ({@code paperLayer - 1})
     * @param score      the run's held-out result and its scale
     * @param stopReason "completed", or why the run stopped early
     */
    public record Row(int paperLayer, int layerIndex, RunScore score, String stopReason) {}

    public AblationResult {
        rows = List.copyOf(rows);
    }

    /** Our mean held-out PSNR per row, in row order. */
    public double[] psnr() {
        return rows.stream().mapToDouble(r -> r.score().meanPsnr()).toArray();
    }

    /** The scale of our numbers, e.g. "32x32, 4 steps of batch 4, 8 train / 4 held-out images, cpu()". */
    public String setting() {
        return rows.isEmpty() ? "no run" : rows.get(0).score().setting();
    }

    /**
     * The sweep as a table beside the paper's Table 7 row for {@code paper} (missing values when the paper's
     * hyponet depth differs from ours or the data set has no Table 7 row).
     */
    public Table table(PaperResults.Dataset paper) {
        double[] reported = PaperResults.hasLayerLocation(paper) && nLayer == 5
                ? PaperResults.layerLocation(paper) : null;
        String paperColumn = "paper Table 7, " + paper.label() + " (dB)";
        Table t = Table.create(String.format(Locale.ROOT, "Layer location of the modulated weight: ours (%s) beside "
                        + "%s", setting(), PaperResults.SCALE),
                IntColumn.create("layer (paper numbering)"), IntColumn.create("arch.modulated_layer_idxs"),
                StringColumn.create("run"), DoubleColumn.create("ours: held-out PSNR (dB)"),
                DoubleColumn.create(paperColumn), StringColumn.create("stopped"));
        for (Row r : rows) {
            t.intColumn(0).append(r.paperLayer());
            t.intColumn(1).append(r.layerIndex());
            t.stringColumn(2).append(r.score().run());
            t.doubleColumn(3).append(r.score().meanPsnr());
            if (reported != null) {
                t.doubleColumn(4).append(reported[r.paperLayer() - 1]);
            } else {
                t.doubleColumn(4).appendMissing();
            }
            t.stringColumn(5).append(r.stopReason());
        }
        return t;
    }
}
