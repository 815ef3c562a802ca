package dev.ginr.notebook.magic;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.experiment.RunScore;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
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
        SignalFolder.Split split = r.signals(args.path("data", null), testImages, session.defaultData());
        if (split.test().files().isEmpty()) {
            throw new IllegalArgumentException("no held-out images (" + split.test().summary() + ")");
        }
        ExperimentRun run = r.run();
        double[] psnr = TrainingJob.run("ginr-eval-" + run.name(), () -> evaluate(run, split.test().signals()));
        if (psnr.length < split.test().files().size()) {
            String text = "%ginr_eval " + run.name() + ": interrupted after " + psnr.length + " of "
                    + split.test().files().size() + " held-out images; no score was kept (run it again for one)";
            sink.display(new DisplayData(text));
            return text;
        }
        RunScore old = r.score();
        int s = run.spec().dataset().resolution();
        session.putRun(r.withScore(new RunScore(run.name(), run.spec().modelType(), run.spec().dataset().type(), s,
                old != null ? old.steps() : run.result() != null ? run.result().stepsDone() : 0,
                old != null ? old.batchSize() : run.spec().experiment().batchSize(),
                old != null ? old.trainSignals() : split.train().files().size(), psnr.length,
                Arrays.stream(psnr).average().orElse(Double.NaN),
                run.model().parameters().manager().getDevice().toString(), run.spec().dataset().clipSeconds())));
        String held = "held-out " + SignalData.scale(run.spec());
        Table t = SignalData.addSilentBaseline(new PsnrTable().add(run.name(), run.spec().modelType().yamlName(), held,
                psnr), run.spec(), held, split.test().signals()).table();
        sink.display(Displays.table(t));
        return t;
    }

    /**
     * The PSNR of each signal of {@code images}, one batch at a time, stopping early (with the PSNRs so far) when the
     * job is interrupted.
     */
    static double[] evaluate(ExperimentRun run, SignalBatch images) {
        int batch = Math.max(1, run.spec().experiment().batchSize());
        double[] psnr = new double[images.count()];
        int done = 0;
        while (done < images.count() && !Thread.currentThread().isInterrupted()) {
            int to = Math.min(images.count(), done + batch);
            double[] part = run.evaluate(images.slice(done, to));
            System.arraycopy(part, 0, psnr, done, part.length);
            done = to;
        }
        return Arrays.copyOf(psnr, done);
    }
}
