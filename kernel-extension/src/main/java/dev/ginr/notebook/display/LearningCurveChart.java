package dev.ginr.notebook.display;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Learning curves of several runs overlaid in one chart: held-out PSNR (dB, left axis, with markers) and training
 * loss (right axis, dashed) against the step, one colour per run. Reads the table of
 * {@link dev.ginr.inr.experiment.LearningCurves}.
 */
public final class LearningCurveChart {

    /** One colour per run (both of its curves), in the order the runs come. */
    private static final Color[] PALETTE = {new Color(0x3b7dd8), new Color(0xe8710a), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private LearningCurveChart() {}

    public static XYChart of(Table curves) {
        XYChart chart = new XYChartBuilder().width(720).height(400).title("Learning curves")
                .xAxisTitle("step").yAxisTitle("held-out PSNR (dB)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE)
                .setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "training loss (MSE)");
        List<String> runs = curves.stringColumn("run").asList().stream().distinct().toList();
        for (int k = 0; k < runs.size(); k++) {
            Table r = curves.where(curves.stringColumn("run").isEqualTo(runs.get(k)));
            Color colour = PALETTE[k % PALETTE.length];
            add(chart, runs.get(k) + ": held-out PSNR", r, "held-out PSNR (dB)", 0, colour);
            add(chart, runs.get(k) + ": loss", r, "loss", 1, colour);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, Table run, String column, int axis, Color colour) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < run.rowCount(); i++) {
            if (!run.doubleColumn(column).isMissing(i)) {
                x.add((double) run.longColumn("step").get(i));
                y.add(run.doubleColumn(column).get(i));
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setYAxisGroup(axis);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        if (axis == 1) {
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke
                    .JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }
}
