package dev.ginr.notebook.display;

import dev.ginr.inr.experiment.AblationResult;
import dev.ginr.inr.experiment.PaperResults;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.util.Arrays;
import java.util.List;

/**
 * The layer-location ablation as grouped bars: our held-out PSNR per modulated layer next to the paper's Table 7
 * row, on the same dB axis, each series labelled with its scale.
 */
public final class AblationChart {

    private AblationChart() {}

    public static CategoryChart of(AblationResult result, PaperResults.Dataset paper) {
        CategoryChart chart = new CategoryChartBuilder().width(640).height(360)
                .title("Location of the modulated weight (Table 7's shape)")
                .xAxisTitle("modulated layer (paper numbering; 5 = output layer)").yAxisTitle("PSNR (dB)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS)
                .setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> layers = result.layers().stream().map(l -> Integer.toString(l)).toList();
        List<Double> ours = Arrays.stream(result.psnr()).boxed().map(v -> Double.isFinite(v) ? v : 0.0).toList();
        List<Double> sd = result.layers().stream().map(l -> result.stats(l)[1]).map(v -> Double.isFinite(v) ? v : 0.0)
                .toList();
        if (sd.stream().anyMatch(v -> v > 0)) { // error bars: the SD over seeds
            chart.addSeries("ours (mean +- SD over seeds): " + result.setting(), layers, ours, sd);
        } else {
            chart.addSeries("ours: " + result.setting(), layers, ours);
        }
        if (PaperResults.hasLayerLocation(paper) && result.nLayer() == 5) {
            double[] reported = PaperResults.layerLocation(paper);
            chart.addSeries("paper Table 7, " + paper.label() + " (178x178, multi-GPU)", layers,
                    result.layers().stream().map(l -> reported[l - 1]).toList());
        }
        return chart;
    }
}
