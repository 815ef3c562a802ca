package dev.ginr.notebook.magic;

import dev.ginr.inr.experiment.PaperComparison;
import dev.ginr.inr.experiment.PaperResults;
import dev.ginr.inr.experiment.RunScore;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %ginr_table RUN...}: the held-out PSNRs of several runs beside the paper's numbers for the same models on
 * the matching task (Table 2), with the difference; each row states our scale, the paper's column states its own.
 */
public final class TableMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_table", "RUN...", 1, Integer.MAX_VALUE,
            "A table of the held-out PSNR of each RUN beside the paper's Table 2 number for the same model (178x178,"
                    + " multi-GPU, thousands of epochs), with ours - paper. The paper column is the data set named by "
                    + "--paper, else the run's own when it is one of the paper's, else ImageNette (natural photos).",
            List.of(Usage.Option.of("paper", "DATASET", "the paper's column: imagenette, celeba or ffhq")));

    public TableMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) {
        PaperResults.Dataset paper = args.has("paper") ? PaperResults.Dataset.named(args.get("paper", null)) : null;
        List<RunScore> scores = new ArrayList<>();
        for (String name : args.positionals()) {
            SessionRun r = session.run(name);
            if (r.score() == null || Double.isNaN(r.score().meanPsnr())) {
                throw new IllegalArgumentException("run '" + name + "' has no held-out PSNR yet; score it with "
                        + "%ginr_eval " + name + " --data DIR");
            }
            scores.add(r.score());
        }
        Table t = PaperComparison.of(scores, paper);
        sink.display(Displays.table(t));
        return t;
    }
}
