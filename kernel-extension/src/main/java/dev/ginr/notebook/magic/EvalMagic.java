package dev.ginr.notebook.magic;

import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.experiment.RunScore;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.List;

/** {@code %ginr_eval RUN [--data DIR]}: the held-out PSNR of a run (by name, or a run folder) as a table. */
public final class EvalMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_eval", "RUN", 1, 1,
            "Evaluates the run RUN (a name from this session, or a run folder with a checkpoint) on the held-out "
                    + "images of DIR (default: the images it was trained with) and shows the PSNR table; the score "
                    + "is kept for %ginr_table.",
            List.of(Usage.Option.of("data", "DIR", "image folder (default: the run's own)"),
                    Usage.Option.of("test-images", "N", "the first N held-out images only (default: all)")));

    public EvalMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        int testImages = args.integer("test-images", 0, 1);
        SessionRun r = session.run(args.positional(0));
        ImageFolder.Split split = r.images(args.path("data", null), testImages, session.defaultData());
        if (split.test().files().isEmpty()) {
            throw new IllegalArgumentException("no held-out images (" + split.test().summary() + ")");
        }
        ExperimentRun run = r.run();
        double[] psnr = run.evaluate(split.test().images());
        RunScore old = r.score();
        int s = run.spec().dataset().resolution();
        session.putRun(r.withScore(new RunScore(run.name(), run.spec().modelType(), run.spec().dataset().type(), s,
                old != null ? old.steps() : run.result() != null ? run.result().stepsDone() : 0,
                old != null ? old.batchSize() : run.spec().experiment().batchSize(),
                old != null ? old.trainSignals() : split.train().files().size(), psnr.length,
                Arrays.stream(psnr).average().orElse(Double.NaN),
                run.model().parameters().manager().getDevice().toString())));
        Table t = new PsnrTable().add(run.name(), run.spec().modelType().yamlName(), "held-out " + s + "x" + s, psnr)
                .table();
        sink.display(Displays.table(t));
        return t;
    }
}
