package dev.ginr.inr.bench;

import dev.ginr.inr.config.ModelType;

import java.util.List;
import java.util.Locale;

/**
 * What one benchmark run measures and for how long.
 *
 * @param small          train every model at the small presets: warm-up, then timed windows (memory is read at the end
 *                       of each)
 * @param paper          train every model at the paper presets for a few steps
 * @param batch          signals per training step (16 in the paper and the presets)
 * @param warmupSteps    untimed steps before the soak (small presets)
 * @param soakSteps      timed steps after the warm-up (small presets); memory is compared across them
 * @param windows        windows the soak is cut into (the spread of steps/s is over these)
 * @param paperWarmup    untimed training steps at the paper presets
 * @param paperSteps     timed training steps at the paper presets, one window each
 * @param hyponetSteps   timed steps of the modulated-MLP step alone at the paper sizes (after two warm-up steps)
 * @param inferenceReps  timed repetitions of each inference figure (after one warm-up)
 * @param models         the model types to try; those the library cannot build yet are reported as not available
 */
public record BenchSettings(boolean small, boolean paper, int batch, int warmupSteps, int soakSteps, int windows,
                            int paperWarmup, int paperSteps, int hyponetSteps, int inferenceReps,
                            List<ModelType> models) {

    /** The growth limit for resident memory over the soak. */
    public static final double MAX_RSS_GROWTH = 0.05;

    public BenchSettings {
        if (batch < 1 || warmupSteps < 1 || soakSteps < 1 || windows < 1 || soakSteps % windows != 0
                || paperWarmup < 1 || paperSteps < 1 || hyponetSteps < 1 || inferenceReps < 1) {
            throw new IllegalArgumentException("bench settings need positive counts and soak steps divisible by the "
                    + "windows; got batch " + batch + ", warm-up " + warmupSteps + ", soak " + soakSteps
                    + ", windows " + windows + ", paper " + paperWarmup + "+" + paperSteps + ", hyponet "
                    + hyponetSteps + ", inference " + inferenceReps);
        }
        models = List.copyOf(models);
    }

    /** Untimed steps before the long memory soak ({@code --soak N}). */
    public static final int SOAK_WARMUP = 100;

    /** Windows the long memory soak is cut into. */
    public static final int SOAK_WINDOWS = 10;

    /**
     * The settings of a named run: {@code small} (every model at the small presets, 20 untimed and 200 timed steps in
     * 4 windows, plus the paper-size hyponet step and inference: a few minutes), {@code paper} (a few training steps
     * of every model at the paper presets, plus the same hyponet step and inference) or {@code all} (both). The long
     * memory soak is {@link #withLongSoak}.
     */
    public static BenchSettings named(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        List<ModelType> all = List.of(ModelType.values());
        return switch (n) {
            case "small" -> new BenchSettings(true, false, 16, 20, 200, 4, 1, 2, 3, 3, all);
            case "paper" -> new BenchSettings(false, true, 16, 20, 200, 4, 1, 2, 3, 3, all);
            case "all" -> new BenchSettings(true, true, 16, 20, 200, 4, 1, 2, 3, 3, all);
            default -> throw new IllegalArgumentException("unknown bench preset '" + name
                    + "'; allowed: small, paper, all");
        };
    }

    /**
     * The long memory soak: {@value #SOAK_WARMUP} untimed steps, then {@code steps} timed steps in
     * {@value #SOAK_WINDOWS} windows, at the small presets (resident memory is compared across the windows).
     */
    public BenchSettings withLongSoak(int steps) {
        if (steps < SOAK_WINDOWS || steps % SOAK_WINDOWS != 0) {
            throw new IllegalArgumentException("--soak " + steps + ": the soak needs a positive multiple of "
                    + SOAK_WINDOWS + " steps (its windows), e.g. --soak 2000");
        }
        return new BenchSettings(true, paper, batch, SOAK_WARMUP, steps, SOAK_WINDOWS, paperWarmup, paperSteps,
                hyponetSteps, inferenceReps, models);
    }

    public BenchSettings withSoak(int warmup, int soak, int nWindows) {
        return new BenchSettings(small, paper, batch, warmup, soak, nWindows, paperWarmup, paperSteps, hyponetSteps,
                inferenceReps, models);
    }

    public BenchSettings withModels(List<ModelType> types) {
        return new BenchSettings(small, paper, batch, warmupSteps, soakSteps, windows, paperWarmup, paperSteps,
                hyponetSteps, inferenceReps, types);
    }

    public BenchSettings withPaperSteps(int warmup, int steps) {
        return new BenchSettings(small, paper, batch, warmupSteps, soakSteps, windows, warmup, steps, hyponetSteps,
                inferenceReps, models);
    }

    /** The small preset of a model type: image-32-small for the hypernetwork models, meta-32-small for the rest. */
    public static String smallPreset(ModelType type) {
        return type.isMetaLearning() ? "meta-32-small" : "image-32-small";
    }

    /** The paper preset of a model type. */
    public static String paperPreset(ModelType type) {
        return type.isMetaLearning() ? "meta-178-paper" : "image-178-paper";
    }
}
