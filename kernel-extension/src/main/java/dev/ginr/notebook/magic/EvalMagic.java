package dev.ginr.notebook.magic;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.experiment.RunScore;
import dev.ginr.inr.experiment.SceneData;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code %ginr_eval RUN [--data DIR]}: the held-out PSNR of a run (by name, or a run folder) as a table, beside the
 * trivial prediction on the same signals (silence for audio, all-white views for scenes).
 */
public final class EvalMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_eval", "RUN", 1, 1,
            "Evaluates the run RUN (a name from this session, or a run folder with a checkpoint) on the held-out "
                    + "images, clips or objects of DIR (default: those it was trained with) and shows the PSNR "
                    + "table; the score is kept for %ginr_table.",
            List.of(Usage.Option.of("data", "DIR", "image, clip or scene folder (default: the run's own)"),
                    Usage.Option.of("test-images", "N", "the first N held-out images, clips or objects only "
                            + "(default: all)")));

    public EvalMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        int testImages = args.integer("test-images", 0, 1);
        SessionRun r = session.run(args.positional(0));
        if (r.run().spec().dataset().isScene()) {
            return evaluateScenes(r, args.path("data", null), testImages, sink);
        }
        SignalFolder.Split split = r.signals(args.path("data", null), testImages,
                session.defaultData(r.run().spec()));
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
        keepScore(r, run.spec().dataset().type(), run.spec().dataset().resolution(), split.train().files().size(),
                psnr.length, psnr);
        String held = "held-out " + SignalData.scale(run.spec());
        Table t = SignalData.addSilentBaseline(new PsnrTable().add(run.name(), run.spec().modelType().yamlName(), held,
                psnr), run.spec(), held, split.test().signals()).table();
        sink.display(Displays.table(t));
        return t;
    }

    /**
     * Novel views: the PSNR of each held-out scene (an object's query views rendered from its support views) beside
     * the all-white prediction, scored per held-out object count as the training display scores it.
     */
    private Table evaluateScenes(SessionRun r, Path dir, int testObjects, DisplaySink sink) {
        ExperimentRun run = r.run();
        SceneData all = r.scenes(dir, session.defaultData(run.spec()));
        SceneData scenes = testObjects > 0 && testObjects < all.folder().test().size()
                ? SceneData.load(all.folder().root(), run.spec(), 0, testObjects) : all;
        if (scenes.test() == null) {
            throw new IllegalArgumentException("no held-out objects (" + scenes.summary() + ")");
        }
        double[] psnr = TrainingJob.run("ginr-eval-" + run.name(), () -> run.evaluate(scenes.test()));
        keepScore(r, SceneData.datasetName(scenes.folder().category()), scenes.test().resolution(),
                scenes.folder().train().size(), scenes.folder().test().size(), psnr);
        String held = String.format(Locale.ROOT, "held-out %s: %d objects, %d scenes", scenes.folder().category(),
                scenes.folder().test().size(), psnr.length);
        Table t = new PsnrTable().add(run.name(), run.spec().modelType().yamlName(), held, psnr)
                .add("all-white", "white background only", held, scenes.test().whitePsnr()).table();
        sink.display(Displays.table(t));
        return t;
    }

    /**
     * Keeps the run's new held-out score for {@code %ginr_table}: the mean of {@code psnr} over {@code tested}
     * signals, with the steps, batch and training count of its earlier score when it has one (a run trained in this
     * session), else those of the run itself and {@code trained}.
     */
    private void keepScore(SessionRun r, String dataset, int resolution, int trained, int tested, double[] psnr) {
        ExperimentRun run = r.run();
        RunScore old = r.score();
        session.putRun(r.withScore(new RunScore(run.name(), run.spec().modelType(), dataset, resolution,
                old != null ? old.steps() : run.result() != null ? run.result().stepsDone() : 0,
                old != null ? old.batchSize() : run.spec().experiment().batchSize(),
                old != null ? old.trainSignals() : trained, tested, Arrays.stream(psnr).average().orElse(Double.NaN),
                run.model().parameters().manager().getDevice().toString(), run.spec().dataset().clipSeconds())));
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
