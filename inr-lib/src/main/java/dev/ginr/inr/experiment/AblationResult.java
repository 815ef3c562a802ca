package dev.ginr.inr.experiment;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of an {@link AblationSweep}: one row per run (modulated-layer location and seed), summarised per
 * location as our mean +- SD held-out PSNR over the seeds beside the paper's Table 7 number for the same location.
 *
 * @param name   the sweep's base run name
 * @param nLayer the hyponet's layer count
 * @param rows   one per trained location, in layer order
 */
public record AblationResult(String name, int nLayer, List<Row> rows) {

    /**
     * @param paperLayer the paper's layer number (1 = first layer after the Fourier features)
     * @param layerIndex our 0-based {@code arch.modulated_layer_idxs} value ({@code paperLayer - 1})
     * @param seed       the run's {@code experiment.seed}
     * @param score      the run's held-out result and its scale
     * @param stopReason "completed", or why the run stopped early
     */
    public record Row(int paperLayer, int layerIndex, long seed, RunScore score, String stopReason) {}

    public AblationResult {
        rows = List.copyOf(rows);
    }

    /** Our held-out PSNR per location (the mean over its seeds), in layer order. */
    public double[] psnr() {
        return layers().stream().mapToDouble(l -> stats(l)[0]).toArray();
    }

    /** The paper layers swept, in order, each once. */
    public List<Integer> layers() {
        return rows.stream().map(Row::paperLayer).distinct().toList();
    }

    /** {mean, sample SD (NaN for one seed), seeds} of the held-out PSNR of {@code paperLayer}'s runs. */
    public double[] stats(int paperLayer) {
        double[] v = rows.stream().filter(r -> r.paperLayer() == paperLayer).mapToDouble(r -> r.score().meanPsnr())
                .toArray();
        double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        double ss = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN, v.length};
    }

    /** One row per run: layer, index, seed, run, steps, batch, images, held-out PSNR, stop reason (for a CSV). */
    public Table runs() {
        Table t = Table.create(name + " layer-location runs", IntColumn.create("layer (paper numbering)"),
                IntColumn.create("arch.modulated_layer_idxs"), LongColumn.create("seed"), StringColumn.create("run"),
                LongColumn.create("steps"), IntColumn.create("batch"), IntColumn.create("train images"),
                IntColumn.create("held-out images"), DoubleColumn.create("held-out PSNR (dB)"),
                StringColumn.create("stopped"));
        for (Row r : rows) {
            t.intColumn(0).append(r.paperLayer());
            t.intColumn(1).append(r.layerIndex());
            t.longColumn(2).append(r.seed());
            t.stringColumn(3).append(r.score().run());
            t.longColumn(4).append(r.score().steps());
            t.intColumn(5).append(r.score().batchSize());
            t.intColumn(6).append(r.score().trainSignals());
            t.intColumn(7).append(r.score().testSignals());
            t.doubleColumn(8).append(r.score().meanPsnr());
            t.stringColumn(9).append(r.stopReason());
        }
        return t;
    }

    /** Writes {@link #runs()} as CSV to {@code file}, whole or not at all (a temporary file moved into place). */
    public void writeCsv(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".ablation-", ".csv.tmp");
        try {
            runs().write().csv(tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
                DoubleColumn.create(paperColumn), DoubleColumn.create("ours: SD over seeds (dB)"),
                IntColumn.create("seeds"), StringColumn.create("stopped"));
        for (int layer : layers()) {
            List<Row> runs = rows.stream().filter(r -> r.paperLayer() == layer).toList();
            double[] st = stats(layer);
            t.intColumn(0).append(layer);
            t.intColumn(1).append(layer - 1);
            t.stringColumn(2).append(runs.size() == 1 ? runs.get(0).score().run() : runs.get(0).score().run()
                    .replaceAll("-seed-?[0-9]+$", "") + "-seed*");
            t.doubleColumn(3).append(st[0]);
            if (reported != null) {
                t.doubleColumn(4).append(reported[layer - 1]);
            } else {
                t.doubleColumn(4).appendMissing();
            }
            if (Double.isNaN(st[1])) {
                t.doubleColumn(5).appendMissing();
            } else {
                t.doubleColumn(5).append(st[1]);
            }
            t.intColumn(6).append(runs.size());
            t.stringColumn(7).append(runs.get(runs.size() - 1).stopReason());
        }
        return t;
    }
}
