package dev.ginr.notebook.display;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * A Tablesaw {@link Table} as HTML and as aligned plain text, with every cell's text escaped and numbers formatted
 * by {@link Html#number} (PSNR to 2 decimals). Long tables show their first {@link #MAX_ROWS} rows and say how many
 * were left out.
 */
public final class TableView {

    /** Rows shown before the rest is summarised as "... N more rows". */
    public static final int MAX_ROWS = 200;

    private TableView() {}

    /** The table as an HTML {@code <table>} with its name as caption. */
    public static String html(Table t) {
        StringBuilder b = new StringBuilder("<table class=\"ginr-table\" style=\"border-collapse:collapse\">");
        if (t.name() != null && !t.name().isBlank()) {
            b.append("<caption style=\"text-align:left;font-weight:bold\">").append(Html.escape(t.name()))
                    .append("</caption>");
        }
        b.append("<thead><tr>");
        for (Column<?> c : t.columns()) {
            b.append("<th style=\"text-align:").append(align(c)).append("\">").append(Html.escape(c.name()))
                    .append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int shown = Math.min(t.rowCount(), MAX_ROWS);
        for (int r = 0; r < shown; r++) {
            b.append("<tr>");
            for (Column<?> c : t.columns()) {
                b.append("<td style=\"text-align:").append(align(c)).append("\">").append(Html.escape(cell(c, r)))
                        .append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (t.rowCount() > shown) {
            b.append("<p>\u2026 ").append(t.rowCount() - shown).append(" more rows</p>");
        }
        return b.toString();
    }

    /** The table as aligned plain text (the text/plain fallback), formatted as in {@link #html}. */
    public static String text(Table t) {
        List<Column<?>> cols = t.columns();
        int shown = Math.min(t.rowCount(), MAX_ROWS);
        List<String[]> rows = new ArrayList<>();
        rows.add(cols.stream().map(Column::name).toArray(String[]::new));
        for (int r = 0; r < shown; r++) {
            final int row = r;
            rows.add(cols.stream().map(c -> cell(c, row)).toArray(String[]::new));
        }
        int[] width = new int[cols.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        if (t.name() != null && !t.name().isBlank()) {
            b.append(t.name()).append('\n');
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(width[i] - row[i].length());
                b.append(i == 0 ? "" : " | ").append(cols.get(i) instanceof NumericColumn ? pad + row[i] : row[i] + pad);
            }
            b.append('\n');
        }
        if (t.rowCount() > shown) {
            b.append("... ").append(t.rowCount() - shown).append(" more rows\n");
        }
        return b.toString().stripTrailing();
    }

    /** The text of one cell: numbers by {@link Html#number}, missing values as an em dash, the rest as is. */
    static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) {
            return "\u2014";
        }
        if (c instanceof NumericColumn<?> n) {
            return Html.number(n.getDouble(row), c.name());
        }
        return c.getString(row);
    }

    private static String align(Column<?> c) {
        return c instanceof NumericColumn ? "right" : "left";
    }
}
