package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.nn.ParameterSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trainer's state in a {@link Checkpoint}: the model's parameters, Adam's moments and update count, the step
 * reached, and the plan's seed and learning rate. Resuming checks that the file belongs to the run it continues:
 * the model type, every parameter's name and shape, the optimiser state's names and shapes, and the seed (a resumed
 * run draws its batches, noise and dropout from (seed, step), so another seed would silently make a different run).
 * A different learning rate is allowed, with a notice: changing it on resume is a deliberate choice.
 */
final class TrainingState {

    static final String MODEL_TYPE = "model.type";
    static final String STEP = "train.step";
    static final String SEED = "train.seed";
    static final String LEARNING_RATE = "train.learning_rate";
    static final String ADAM_STEPS = "optimizer.adam_steps";
    static final String OPTIMIZER_PREFIX = "optimizer.";

    /** The step a resumed trainer continues from, and what the user should be told. */
    record Resumed(long step, List<String> notices) {}

    private TrainingState() {}

    /** Whether every parameter is finite (a non-finite one must never replace a good checkpoint). */
    static boolean finite(ParameterSet params) {
        try (NDManager scope = params.manager().newSubManager()) {
            for (NDArray a : params.all().values()) {
                NDArray s = a.sum();
                s.attach(scope);
                if (!Double.isFinite(s.toType(DataType.FLOAT64, false).getDouble())) {
                    return false;
                }
            }
        }
        return true;
    }

    static void write(Path file, GeneralizableInr model, Adam adam, TrainingPlan plan, long step,
                      Map<String, String> provenance) {
        Map<String, NDArray> tensors = new LinkedHashMap<>(model.parameters().all());
        adam.state().forEach((k, v) -> tensors.put(OPTIMIZER_PREFIX + k, v));
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put(MODEL_TYPE, model.type());
        meta.put(STEP, Long.toString(step));
        meta.put(SEED, Long.toString(plan.seed()));
        meta.put(LEARNING_RATE, Double.toString(plan.learningRate()));
        meta.put(ADAM_STEPS, Long.toString(adam.stepCount()));
        Checkpoint.write(file, tensors, meta);
    }

    static Resumed resume(Path file, GeneralizableInr model, Adam adam, TrainingPlan plan) {
        ParameterSet params = model.parameters();
        try (NDManager scope = params.manager().newSubManager()) {
            Checkpoint.Contents c = Checkpoint.read(file, scope);
            checkResumable(c, model.type(), plan.seed());
            long step = nonNegative(c, STEP);
            long adamSteps = nonNegative(c, ADAM_STEPS);
            Checkpoints.loadParameters(params, c.tensors(), file);
            adam.restore(Checkpoints.optimizerState(params, c.tensors(), file, adamSteps > 0), adamSteps);
            return new Resumed(step, notices(c, plan, step));
        }
    }

    /** Fails unless checkpoint {@code c} can be resumed by a run of model {@code type} with seed {@code seed}. */
    static void checkResumable(Checkpoint.Contents c, String type, long seed) {
        String saved = c.meta(MODEL_TYPE);
        if (!saved.equals(type)) {
            throw new IllegalArgumentException("checkpoint " + c.file() + " holds a " + saved + " model; this run "
                    + "trains a " + type + " model");
        }
        long savedSeed = c.metaLong(SEED);
        if (savedSeed != seed) {
            throw new IllegalArgumentException("checkpoint " + c.file() + " was trained with seed " + savedSeed
                    + "; this run's seed is " + seed + ". A resumed run keeps its seed (batches, noise and dropout "
                    + "follow it): resume with seed " + savedSeed + ", or start a new run");
        }
    }

    private static List<String> notices(Checkpoint.Contents c, TrainingPlan plan, long step) {
        List<String> notices = new ArrayList<>();
        String lr = c.metadata().get(LEARNING_RATE);
        if (lr != null && number(c, LEARNING_RATE) != plan.learningRate()) {
            notices.add(String.format(Locale.ROOT, "the checkpoint was trained with learning rate %s; this run "
                    + "continues from step %d with %s", lr, step, plan.learningRate()));
        }
        if (step >= plan.steps()) {
            notices.add("the checkpoint is at step " + step + ", not before this run's last step " + plan.steps()
                    + ": there is nothing left to train");
        }
        return notices;
    }

    private static double number(Checkpoint.Contents c, String key) {
        try {
            return Double.parseDouble(c.meta(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint " + c.file() + " has metadata " + key + " = '"
                    + c.meta(key) + "', which is not a number");
        }
    }

    private static long nonNegative(Checkpoint.Contents c, String key) {
        long v = c.metaLong(key);
        if (v < 0) {
            throw new IllegalArgumentException("checkpoint " + c.file() + " has metadata " + key + " = " + v
                    + "; a count of steps is at least 0");
        }
        return v;
    }
}
