package dev.ginr.notebook.display;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableViewTest {

    private static Table sample() {
        DoubleColumn psnr = DoubleColumn.create("mean PSNR (dB)", 23.456789, Double.NaN);
        return Table.create("runs <b>&</b>", StringColumn.create("run", "<script>alert(1)</script>", "a\"b'c"),
                IntColumn.create("steps", 12, 2000), psnr, DoubleColumn.create("lr", 1e-4, 0.125));
    }

    @Test
    void cellTextColumnNamesAndCaptionAreEscaped() {
        String html = TableView.html(sample());
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("a&quot;b&#39;c"), html);
        assertTrue(html.contains("<caption style=\"text-align:left;font-weight:bold\">runs &lt;b&gt;&amp;&lt;/b&gt;"
                + "</caption>"), html);
    }

    @Test
    void psnrHasTwoDecimalsIntegersNoneAndMissingIsADash() {
        String html = TableView.html(sample());
        assertTrue(html.contains(">23.46</td>"), html);
        assertTrue(html.contains(">2000</td>"), html);
        assertTrue(html.contains(">\u2014</td>"), html);
        assertTrue(html.contains(">0.125</td>"), html);
        assertEquals("1.000e-04", Html.number(1e-4, "lr"));
        assertEquals("-3.10", Html.number(-3.1, "ours - paper (dB)"));
    }

    @Test
    void plainTextFallbackHasTheSameNumbersAligned() {
        String text = TableView.text(sample());
        String[] lines = text.split("\n");
        assertEquals("runs <b>&</b>", lines[0]);
        assertEquals(4, lines.length);
        assertTrue(lines[2].contains(" 23.46 | "), text);
        assertEquals(lines[1].length(), lines[2].length(), text);
    }

    @Test
    void longTablesAreCutWithACount() {
        Table t = Table.create("long", IntColumn.create("i", java.util.stream.IntStream.range(0, 250).toArray()));
        String html = TableView.html(t);
        assertEquals(TableView.MAX_ROWS, html.split("<tr>", -1).length - 2);
        assertTrue(html.contains("50 more rows"), html);
    }
}
