package dev.ginr.inr.experiment;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.Arrays;

/** PSNR results as a Tablesaw table a user can keep working with: one row per (run, split). */
public final class PsnrTable {

    private final Table table = Table.create("PSNR",
            StringColumn.create("run"), StringColumn.create("model"), StringColumn.create("split"),
            IntColumn.create("signals"), DoubleColumn.create("mean PSNR (dB)"), DoubleColumn.create("std (dB)"));

    /** Adds the per-signal PSNRs of one run on one split. */
    public PsnrTable add(String run, String model, String split, double[] psnr) {
        double mean = Arrays.stream(psnr).average().orElse(Double.NaN);
        double var = Arrays.stream(psnr).map(x -> (x - mean) * (x - mean)).average().orElse(Double.NaN);
        table.stringColumn("run").append(run);
        table.stringColumn("model").append(model);
        table.stringColumn("split").append(split);
        table.intColumn("signals").append(psnr.length);
        table.doubleColumn("mean PSNR (dB)").append(mean);
        table.doubleColumn("std (dB)").append(Math.sqrt(var));
        return this;
    }

    /** The table, PSNRs shown with 2 decimals (the values keep full precision). */
    public Table table() {
        NumberColumnFormatter twoDecimals = NumberColumnFormatter.fixedWithGrouping(2);
        table.doubleColumn("mean PSNR (dB)").setPrintFormatter(twoDecimals);
        table.doubleColumn("std (dB)").setPrintFormatter(twoDecimals);
        return table;
    }

    @Override
    public String toString() {
        return table().printAll();
    }
}
