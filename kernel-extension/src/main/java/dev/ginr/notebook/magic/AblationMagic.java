package dev.ginr.notebook.magic;

import ai.djl.Device;
import dev.ginr.inr.experiment.AblationResult;
import dev.ginr.inr.experiment.AblationSweep;
import dev.ginr.inr.experiment.PaperResults;
import dev.ginr.inr.experiment.TrainingRecipe;
import dev.ginr.inr.train.StopRequest;
import dev.ginr.notebook.display.AblationChart;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;
import dev.ginr.notebook.display.TrainingDisplay;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code %ginr_ablation NAME --layers 1-5 [--seeds K] [--steps N]}: the paper's layer-location ablation (Table 7) at
 * the given budget: K runs per modulated layer (paper numbering from 1; run for layer L uses
 * {@code arch.modulated_layer_idxs: [L-1]}), shown as a table (mean +- SD over seeds) and a bar chart beside the
 * paper's Table 7 row, and written as CSV (one line per run). Runs whose checkpoints are finished are scored, not
 * trained again, so running the cell again after an interrupt trains only what is left.
 */
public final class AblationMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_ablation", "NAME", 1, 1,
            "Trains config NAME once per modulated layer location in --layers (the paper's numbering: 1 = first "
                    + "layer after the Fourier features, 5 = output layer; layer L is arch.modulated_layer_idxs "
                    + "[L-1]) and shows the held-out PSNRs (mean +- SD over --seeds) beside the paper's Table 7 row, as a table and "
                    + "a chart; writes one CSV line per run to <out>/results.csv. Runs that finished earlier (their "
                    + "checkpoint is at the last step) are scored, not trained again: after an interrupt, run the "
                    + "cell again and only the remaining runs train.",
            options());

    private final long tickMillis;

    public AblationMagic(GinrSession session, long tickMillis) {
        super(session, USAGE);
        this.tickMillis = tickMillis;
    }

    private static List<Usage.Option> options() {
        List<Usage.Option> o = new ArrayList<>();
        o.add(Usage.Option.required("layers", "L", "paper layer numbers: 1-5, 2 or 1,3,5"));
        o.add(Usage.Option.of("seeds", "K", "runs per layer, seeds S, S+1, ... from the config's seed (default 1)"));
        o.addAll(RecipeOptions.OPTIONS);
        o.add(Usage.Option.of("out", "DIR", "folder of the run folders (default: <runs>/<NAME>-ablation)"));
        o.add(Usage.Option.of("paper", "DATASET", "the paper's Table 7 row: imagenette (default) or ffhq"));
        o.add(Usage.Option.flag("svg", "also send the chart as image/svg+xml"));
        return o;
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        RecipeOptions.Values values = RecipeOptions.Values.of(args);
        int seeds = args.integer("seeds", 1, 1);
        String name = args.positional(0);
        NamedConfig named = session.config(name);
        TrainingRecipe recipe = values.apply(named.recipe(name, args.path("data", session.defaultData(named.spec()))));
        List<Integer> layers = AblationSweep.parseLayers(args.get("layers", ""), recipe.spec().hyponet().nLayer());
        PaperResults.Dataset paper = args.has("paper") ? PaperResults.Dataset.named(args.get("paper", null))
                : PaperResults.Dataset.closestTo(recipe.spec().dataset().type());
        if (!PaperResults.hasLayerLocation(paper)) {
            throw new IllegalArgumentException("Table 7 reports imagenette and ffhq, not " + args.get("paper", ""));
        }
        Path out = args.path("out", session.runsRoot().resolve(name + "-ablation"));
        AblationResult result = sweep(recipe, layers, seeds, out, sink);
        Path csv = out.resolve("results.csv");
        try {
            result.writeCsv(csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the results to " + csv + ": " + e.getMessage(), e);
        }
        sink.display(Displays.table(result.table(paper)));
        sink.display(new DisplayData("one line per run: " + csv.toAbsolutePath().normalize()));
        sink.display(Displays.chart(AblationChart.of(result, paper), args.has("svg")));
        return result;
    }

    /**
     * Runs the sweep with one live display per layer; the plain Java form of this magic. An interrupt stops the
     * layer in training at its next step: the layers finished before it, and the stopped one with its stop reason,
     * are the result.
     */
    public AblationResult sweep(TrainingRecipe recipe, List<Integer> layers, int seeds, Path out, DisplaySink sink) {
        Device device = session.device();
        sink.display(new DisplayData("layer-location sweep of '" + recipe.name() + "': paper layers " + layers
                + " = arch.modulated_layer_idxs " + layers.stream().map(l -> l - 1).toList()
                + (seeds > 1 ? ", " + seeds + " seeds each" : "") + "; run folders under " + out
                + " (finished runs are scored from their checkpoints, not trained again)"));
        List<TrainingDisplay> displays = Collections.synchronizedList(new ArrayList<>());
        try {
            return TrainingJob.run("ginr-ablation-" + recipe.name(), () -> AblationSweep.run(recipe, layers, seeds, out,
                    device, (layer, r) -> {
                        displays.forEach(TrainingDisplay::close); // the previous layer is over
                        TrainingDisplay d = new TrainingDisplay(sink, "layer " + layer + " (arch.modulated_layer_idxs ["
                                + (layer - 1) + "])", tickMillis, System::currentTimeMillis).start(r.name());
                        displays.add(d);
                        return d;
                    }, new StopRequest()));
        } finally {
            displays.forEach(TrainingDisplay::close);
        }
    }
}
