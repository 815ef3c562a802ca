package dev.ginr.inr.experiment;

import ai.djl.Device;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.inr.train.StopRequest;
import dev.ginr.inr.train.TrainingResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The paper's layer-location ablation (Table 7): the same recipe trained once per location of the modulated weight,
 * everything else equal, each run scored on the same held-out images.
 *
 * <p>Layer numbers follow the paper: layer 1 is the first linear layer after the Fourier features and layer
 * {@code n_layer} is the output layer. The run for paper layer {@code L} sets {@code arch.modulated_layer_idxs} to
 * {@code [L - 1]} (our indices are 0-based; the paper's default "layer 2" is index 1).
 */
public final class AblationSweep {

    /** Gives each run of the sweep its progress listener (e.g. one live display per layer). */
    @FunctionalInterface
    public interface Listeners {
        ProgressListener forLayer(int paperLayer, TrainingRecipe recipe);
    }

    private AblationSweep() {}

    /**
     * Parses a layer selection in the paper's numbering: "1-5", "2", "1,3,5" or "1-2,5"; sorted, without repeats.
     *
     * @param nLayer the hyponet's layer count (including the output layer)
     */
    public static List<Integer> parseLayers(String text, int nLayer) {
        String allowed = "paper layer numbers 1.." + nLayer + " (1 = first layer after the Fourier features, "
                + nLayer + " = output layer), as 1-" + nLayer + ", 2 or 1,3,5";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--layers is empty; give " + allowed);
        }
        TreeSet<Integer> layers = new TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            String[] range = p.split("-", -1);
            try {
                int from = Integer.parseInt(range[0].strip());
                int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
                if (range.length > 2 || from > to) {
                    throw new NumberFormatException(p);
                }
                for (int l = from; l <= to; l++) {
                    layers.add(l);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--layers '" + text + "' is invalid at '" + p + "'; give "
                        + allowed);
            }
        }
        if (layers.first() < 1 || layers.last() > nLayer) {
            throw new IllegalArgumentException("--layers '" + text + "' is out of range; give " + allowed);
        }
        return List.copyOf(layers);
    }

    /**
     * Trains one run per paper layer in {@code paperLayers} and scores each on the held-out images; the single-seed
     * form of {@link #run(TrainingRecipe, List, int, Path, Device, Listeners, StopRequest)}.
     */
    public static AblationResult run(TrainingRecipe base, List<Integer> paperLayers, Path runsRoot, Device device,
                                     Listeners listeners) {
        return run(base, paperLayers, 1, runsRoot, device, listeners, new StopRequest());
    }

    /**
     * Trains {@code seeds} runs per paper layer in {@code paperLayers} (seeds: the config's seed, +1, ...) and scores
     * each on the held-out images. Each run's checkpoint goes to {@code runsRoot/<name>-layer<L>} (with
     * {@code -seed<S>} when {@code seeds > 1}; no checkpoints when {@code runsRoot} is null) and is resumed from
     * there: a run whose checkpoint is already at its last step trains no step and is only scored, so a sweep run
     * again after an interrupt trains only what is left. The models are closed as soon as they are scored. A run
     * stopped early (by {@code stop} or an interrupt) ends the sweep with the runs done so far.
     */
    public static AblationResult run(TrainingRecipe base, List<Integer> paperLayers, int seeds, Path runsRoot,
                                     Device device, Listeners listeners, StopRequest stop) {
        if (paperLayers.isEmpty()) {
            throw new IllegalArgumentException("no layers to sweep");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        }
        base.withModulatedLayer(paperLayers.get(0) - 1); // fails early for a model without composers
        ImageFolder.Split split = base.loadData();
        long seed0 = base.spec().experiment().seed();
        List<AblationResult.Row> rows = new ArrayList<>();
        for (int layer : paperLayers) {
            for (int k = 0; k < seeds; k++) {
                TrainingRecipe recipe = base.withName(base.name() + "-layer" + layer + (seeds > 1 ? "-seed" + (seed0
                        + k) : "")).withModulatedLayer(layer - 1);
                recipe = seeds > 1 ? recipe.withSeed(seed0 + k) : recipe;
                AblationResult.Row row = train(recipe, layer, split, runsRoot, device, listeners, stop);
                rows.add(row);
                if (!row.stopReason().startsWith("completed")) {
                    return new AblationResult(base.name(), base.spec().hyponet().nLayer(), rows);
                }
            }
        }
        return new AblationResult(base.name(), base.spec().hyponet().nLayer(), rows);
    }

    private static AblationResult.Row train(TrainingRecipe recipe, int layer, ImageFolder.Split split, Path runsRoot,
                                            Device device, Listeners listeners, StopRequest stop) {
        Path dir = runsRoot == null ? null : runsRoot.resolve(recipe.name());
        try (ExperimentRun run = recipe.train(split, dir, true, device, listeners.forLayer(layer, recipe), stop)) {
            TrainingResult r = run.result();
            boolean reused = r.completed() && r.history().isEmpty() && r.stepsDone() > 0;
            return new AblationResult.Row(layer, layer - 1, recipe.spec().experiment().seed(),
                    recipe.score(run, split), reused ? "completed (finished earlier: scored from its checkpoint)"
                    : r.stopReason());
        }
    }
}
