package dev.ginr.inr.bench;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's results: one row per figure (section, model, preset, metric, unit, median, min, max, spread over
 * windows, a note), printed as an aligned table and written as CSV through a Tablesaw {@link Table}. A figure measured once has min = max = median.
 */
public final class BenchReport {

    /** One figure; {@code stats} is null for a row that only carries a note (for example "not available"). */
    public record Row(String section, String model, String preset, String metric, String unit, WindowStats stats,
                      String note) {

        public double median() {
            return stats == null ? Double.NaN : stats.median();
        }
    }

    private final List<Row> rows = new ArrayList<>();

    public BenchReport add(String section, String model, String preset, String metric, String unit,
                           WindowStats stats, String note) {
        rows.add(new Row(section, model, preset, metric, unit, stats, note == null ? "" : note));
        return this;
    }

    /** A single-valued figure. */
    public BenchReport add(String section, String model, String preset, String metric, String unit, double value,
                           String note) {
        return add(section, model, preset, metric, unit, WindowStats.of(value), note);
    }

    /** A row without a figure. */
    public BenchReport note(String section, String model, String preset, String note) {
        rows.add(new Row(section, model, preset, "-", "", null, note));
        return this;
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The first row with this section, model and metric, or null. */
    public Row find(String section, String model, String metric) {
        return rows.stream().filter(r -> r.section.equals(section) && r.model.equals(model)
                && r.metric.equals(metric)).findFirst().orElse(null);
    }

    /** The rows as an aligned text table. */
    public String table() {
        String[] head = {"section", "model", "preset", "metric", "median", "min", "max", "spread", "unit", "note"};
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {r.section, r.model, r.preset, r.metric, num(r.stats, 0), num(r.stats, 1),
                    num(r.stats, 2), r.stats == null ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * r.stats.spread()),
                    r.unit, r.note});
        }
        int[] width = new int[head.length];
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                boolean numeric = i >= 4 && i <= 7;
                String f = numeric ? "%" + width[i] + "s" : "%-" + width[i] + "s";
                sb.append(String.format(Locale.ROOT, f, c[i])).append(i < c.length - 1 ? "  " : "");
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * The rows as a Tablesaw table: section, model, preset, metric, unit, median, min, max, spread, windows, note;
     * a row without a figure has missing numbers and 0 windows.
     */
    public Table toTable() {
        StringColumn section = StringColumn.create("section");
        StringColumn model = StringColumn.create("model");
        StringColumn preset = StringColumn.create("preset");
        StringColumn metric = StringColumn.create("metric");
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn median = DoubleColumn.create("median");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        DoubleColumn spread = DoubleColumn.create("spread");
        IntColumn windows = IntColumn.create("windows");
        StringColumn note = StringColumn.create("note");
        for (Row r : rows) {
            section.append(r.section);
            model.append(r.model);
            preset.append(r.preset);
            metric.append(r.metric);
            unit.append(r.unit);
            boolean has = r.stats != null;
            median.append(has ? r.stats.median() : Double.NaN);
            min.append(has ? r.stats.min() : Double.NaN);
            max.append(has ? r.stats.max() : Double.NaN);
            spread.append(has ? r.stats.spread() : Double.NaN);
            windows.append(has ? r.stats.samples().length : 0);
            note.append(r.note);
        }
        return Table.create("ginr bench", section, model, preset, metric, unit, median, min, max, spread, windows,
                note);
    }

    /** The rows as CSV, header line first, written by Tablesaw (quoted where a value needs it). */
    public String csv() {
        StringWriter out = new StringWriter();
        toTable().write().csv(out);
        return out.toString();
    }

    public void writeCsv(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, csv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String num(WindowStats s, int which) {
        if (s == null) {
            return "";
        }
        double v = which == 0 ? s.median() : which == 1 ? s.min() : s.max();
        return format(v);
    }

    /** Four significant digits, without exponent for everyday magnitudes. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

}
