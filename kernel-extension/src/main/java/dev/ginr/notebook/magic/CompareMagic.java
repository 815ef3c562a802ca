package dev.ginr.notebook.magic;

import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.LearningCurves;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;
import dev.ginr.notebook.display.LearningCurveChart;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * {@code %ginr_compare RUN... [--svg]}: the learning curves of runs trained in this session (held-out PSNR and
 * training loss against step) overlaid in one XChart; returns the underlying Tablesaw table.
 */
public final class CompareMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_compare", "RUN...", 1, Integer.MAX_VALUE,
            "Overlays the learning curves of the runs (trained in this session) in one chart: held-out PSNR (left "
                    + "axis) and training loss (right axis) against the step; returns the table behind it (run, "
                    + "step, loss, training PSNR, held-out PSNR).",
            List.of(Usage.Option.flag("svg", "also send the chart as image/svg+xml")));

    public CompareMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) {
        List<ExperimentRun> runs = args.positionals().stream().map(n -> session.run(n).run()).toList();
        Table curves = LearningCurves.of(runs);
        sink.display(Displays.chart(LearningCurveChart.of(curves), args.has("svg")));
        return curves;
    }
}
