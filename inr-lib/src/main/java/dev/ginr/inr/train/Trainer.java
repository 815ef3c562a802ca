package dev.ginr.inr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.LossConfig;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Trains any {@link GeneralizableInr} on a set of signals: seeded mini-batches, Adam with a learning-rate schedule and
 * optional gradient-norm clipping, optional half-pixel coordinate noise and point subsampling, periodic held-out
 * PSNR, atomic checkpoints, exact resume, and a stop on a non-finite loss that leaves the last good checkpoint intact.
 *
 * <p>Each step runs in its own {@link NDManager} scope closed at the end of the step; the engine is re-seeded with
 * (seed, step) at every step, so dropout, noise and data order of a resumed run equal those of a straight run.
 * Host round trips happen only at logging, evaluation and checkpoint steps. A thread interrupt stops training at the
 * next step boundary (with a checkpoint when a run folder is set).
 */
public final class Trainer implements AutoCloseable {

    private final GeneralizableInr model;
    private final TrainingPlan plan;
    private final Map<String, String> provenance;
    private final Adam adam;
    private long stepsDone;
    private UnaryOperator<NDArray> lossTransform = UnaryOperator.identity();
    /** Every per-step host-to-engine copy goes through here, so that no step leaves native memory for the GC. */
    private final HostStaging staging = new HostStaging();

    /**
     * @param provenance metadata stored with every checkpoint (for example the config as YAML)
     */
    public Trainer(GeneralizableInr model, TrainingPlan plan, Map<String, String> provenance) {
        this.model = model;
        this.plan = plan;
        this.provenance = Map.copyOf(provenance);
        this.adam = new Adam(model.parameters().manager(), plan.beta1(), plan.beta2(), 1e-8, plan.weightDecay());
    }

    public GeneralizableInr model() {
        return model;
    }

    public long stepsDone() {
        return stepsDone;
    }

    /** Fault injection for tests and demos: transforms the loss before backward (e.g. to inject a NaN). */
    public void setLossTransform(UnaryOperator<NDArray> transform) {
        this.lossTransform = transform;
    }

    /** Trains up to {@code plan.steps()} steps in all; {@code test} and {@code runDir} may be null. */
    public TrainingResult train(SignalBatch train, SignalBatch test, Path runDir, ProgressListener listener) {
        BatchSampler sampler = new BatchSampler(train, plan.batchSize(), plan.seed());
        Engine engine = GinrEngine.engine();
        ParameterSet params = model.parameters();
        List<ProgressEvent> history = new ArrayList<>();
        List<double[]> evaluations = new ArrayList<>();
        ProgressClock clock = new ProgressClock(plan.steps());
        ProgressEvent last = null;
        Path checkpoint = null;
        String stop = "completed";
        NDManager runManager = params.manager();
        while (stepsDone < plan.steps()) {
            if (Thread.currentThread().isInterrupted()) {
                stop = "interrupted";
                break;
            }
            long step = stepsDone + 1;
            double lr = plan.learningRateAt(step);
            try (NDManager scope = runManager.newSubManager()) {
                GinrEngine.seed(plan.seed() * 1_000_003L + step);
                params.zeroGradients();
                NDArray mse;
                NDArray meanLoss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    mse = trainingMse(params.bind(scope), scope, sampler, step);
                    meanLoss = lossTransform.apply(mse.mean());
                    gc.backward(meanLoss);
                }
                boolean report = step % plan.logEvery() == 0 || step == plan.steps();
                boolean save = runDir != null && (step == plan.steps()
                        || plan.checkpointEvery() > 0 && step % plan.checkpointEvery() == 0);
                double loss = report || save ? meanLoss.getFloat() : 0;
                if ((report || save) && !Double.isFinite(loss)) {
                    stop = "stopped at step " + step + ": the loss is " + loss + "; the last good checkpoint is "
                            + (checkpoint == null ? "none (none was written yet)" : checkpoint);
                    break;
                }
                adam.update(params, lr, gradientScale(scope), scope);
                stepsDone = step;
                if (report) {
                    double[] m = Metrics.toDoubles(mse);
                    last = clock.event(step, loss, Metrics.meanPsnr(m), lr);
                    history.add(last);
                    listener.onProgress(last);
                }
            }
            if (test != null && plan.evalEvery() > 0 && stepsDone % plan.evalEvery() == 0) {
                evaluations.add(evaluation(test, listener));
            }
            if (runDir != null && (stepsDone == plan.steps()
                    || plan.checkpointEvery() > 0 && stepsDone % plan.checkpointEvery() == 0)) {
                checkpoint = saveIfFinite(runDir, checkpoint);
            }
        }
        if (stop.equals("interrupted") && runDir != null && stepsDone > 0) {
            checkpoint = saveIfFinite(runDir, checkpoint);
        }
        if (test != null && stop.equals("completed")
                && (evaluations.isEmpty() || evaluations.get(evaluations.size() - 1)[0] != stepsDone)) {
            evaluations.add(evaluation(test, listener));
        }
        listener.onFinish(last);
        return new TrainingResult(stepsDone, List.copyOf(history), List.copyOf(evaluations), checkpoint, stop);
    }

    private double[] evaluation(SignalBatch test, ProgressListener listener) {
        double psnr = Evaluation.meanPsnr(model, test, plan.batchSize());
        listener.onEvaluation(stepsDone, psnr);
        return new double[] {stepsDone, psnr};
    }

    /** Per-instance MSE of one training step, (B). */
    private NDArray trainingMse(ParameterSet.Bound p, NDManager scope, BatchSampler sampler, long step) {
        SignalBatch batch = sampler.batch(step);
        NDArray values = staging.upload(scope, batch.values(), batch.shape()); // (B, P, C)
        NDArray grid = staging.upload(scope, CoordinateGrid.values(batch.grid()),
                new Shape(batch.points(), batch.grid().length)); // (P, d)
        Observation observed = new Observation(values, grid, batch.grid());
        Map<Integer, NDArray> weights = model.instanceWeights(p, observed, true);
        int[] points = sampler.points(step, plan.subsampleRatio());
        NDArray queryCoords = grid;
        NDArray targets = values;
        if (points.length < batch.points()) {
            NDArray idx = scope.create(points);
            queryCoords = grid.get(idx); // (P', d)
            targets = values.get(":, {}, :", idx); // (B, P', C)
        }
        if (plan.coordNoise() != LossConfig.CoordNoise.NONE) {
            queryCoords = withHalfPixelNoise(scope, staging, queryCoords, batch.count(), batch.grid(),
                    plan.coordNoise() == LossConfig.CoordNoise.SHIFT);
        }
        return Metrics.perInstanceMse(model.render(p, weights, queryCoords), targets);
    }

    /**
     * Grid (P, d) -> per-instance coordinates (B, P, d) moved by up to half a pixel along each axis, independently per
     * coordinate, or by one offset per instance ({@code shift}).
     */
    private static NDArray withHalfPixelNoise(NDManager scope, HostStaging staging, NDArray coords, int batch,
                                              int[] grid, boolean shift) {
        long points = coords.getShape().get(0);
        float[] halfPixel = new float[grid.length];
        for (int a = 0; a < grid.length; a++) {
            halfPixel[a] = 1f / grid[a]; // pixel pitch 2 / N
        }
        NDArray noise = scope.randomUniform(-1, 1, new Shape(batch, shift ? 1 : points, grid.length),
                coords.getDataType()); // (B, P or 1, d)
        NDArray pitch = staging.upload(scope, halfPixel, new Shape(grid.length)).toType(coords.getDataType(), false);
        return noise.mul(pitch).add(coords); // (B, P, d)
    }

    /** The factor that clips the global gradient norm to {@code maxGradNorm} (1 when off or not exceeded). */
    private double gradientScale(NDManager scope) {
        if (plan.maxGradNorm() <= 0) {
            return 1.0;
        }
        double sumSquares = 0;
        for (String name : model.parameters().trainableNames()) {
            NDArray g = model.parameters().get(name).getGradient();
            g.attach(scope);
            sumSquares += g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
        double norm = Math.sqrt(sumSquares);
        return norm > plan.maxGradNorm() ? plan.maxGradNorm() / (norm + 1e-6) : 1.0;
    }

    private Path saveIfFinite(Path runDir, Path previous) {
        ParameterSet params = model.parameters();
        try (NDManager scope = params.manager().newSubManager()) {
            for (NDArray a : params.all().values()) {
                NDArray s = a.sum();
                s.attach(scope);
                if (!Double.isFinite(s.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble())) {
                    return previous; // never overwrite a good checkpoint with non-finite parameters
                }
            }
        }
        Path file = runDir.resolve("checkpoint.safetensors");
        Map<String, NDArray> tensors = new LinkedHashMap<>(params.all());
        adam.state().forEach((k, v) -> tensors.put("optimizer." + k, v));
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("model.type", model.type());
        meta.put("train.step", Long.toString(stepsDone));
        meta.put("train.seed", Long.toString(plan.seed()));
        meta.put("optimizer.adam_steps", Long.toString(adam.stepCount()));
        Checkpoint.write(file, tensors, meta);
        return file;
    }

    /** Loads parameters, optimiser state and step count from a checkpoint written by this trainer. */
    public void resume(Path file) {
        ParameterSet params = model.parameters();
        try (NDManager scope = params.manager().newSubManager()) {
            Checkpoint.Contents c = Checkpoint.read(file, scope);
            String type = c.meta("model.type");
            if (!type.equals(model.type())) {
                throw new IllegalArgumentException("checkpoint " + file + " holds a " + type + " model, not "
                        + model.type());
            }
            Checkpoints.loadParameters(params, c.tensors(), file);
            Map<String, NDArray> state = new LinkedHashMap<>();
            c.tensors().forEach((k, v) -> {
                if (k.startsWith("optimizer.")) {
                    state.put(k.substring("optimizer.".length()), v);
                }
            });
            adam.restore(state, Long.parseLong(c.meta("optimizer.adam_steps")));
            stepsDone = Long.parseLong(c.meta("train.step"));
        }
    }

    @Override
    public void close() {
        adam.close();
    }
}
