package dev.ginr.notebook.display;

import dev.ginr.inr.train.ProgressEvent;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.List;

/**
 * The small loss/PSNR curve of a training display: training-batch PSNR and held-out PSNR on the left axis, loss on
 * the right axis, against the step.
 */
public final class ProgressCurve {

    public static final int WIDTH = 420;
    public static final int HEIGHT = 180;

    private ProgressCurve() {}

    /** The curve, or null when there are fewer than two progress events to draw. */
    public static XYChart of(List<ProgressEvent> events, List<double[]> evaluations) {
        if (events.size() < 2) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle("step").yAxisTitle("PSNR (dB)")
                .build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE)
                .setChartTitleVisible(false).setMarkerSize(4)
                .setChartBackgroundColor(Color.WHITE).setLegendFont(chart.getStyler().getLegendFont().deriveFont(9f));
        double[] steps = events.stream().mapToDouble(ProgressEvent::step).toArray();
        XYSeries psnr = chart.addSeries("batch PSNR", steps, events.stream().mapToDouble(ProgressEvent::psnr)
                .toArray());
        psnr.setMarker(SeriesMarkers.NONE);
        XYSeries loss = chart.addSeries("loss", steps, events.stream().mapToDouble(ProgressEvent::loss).toArray());
        loss.setMarker(SeriesMarkers.NONE);
        loss.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "loss");
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        if (!evaluations.isEmpty()) {
            XYSeries held = chart.addSeries("held-out PSNR", evaluations.stream().mapToDouble(e -> e[0]).toArray(),
                    evaluations.stream().mapToDouble(e -> e[1]).toArray());
            held.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return chart;
    }
}
