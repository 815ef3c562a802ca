package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.MetaLearner;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The outer loop of Algorithm 1 (PAPER.md §4): for each batch, the model's inner loop adapts every instance from the
 * learned initialisation (second order unless its settings say first order), and Adam updates the shared
 * parameters and the initialisation with the mean per-instance MSE after the inner loop. Evaluation runs the same
 * inner loop without outer updates and reports the PSNR after every inner step.
 *
 * <p>Each step runs in its own child manager, closed at the end of the step; the Adam moments persist across
 * {@link #train} calls until {@link #close()}.
 */
public final class MetaTrainer implements AutoCloseable {

    /**
     * @param steps        outer Adam steps
     * @param batchSize    signals per outer step (reference: 16)
     * @param learningRate outer Adam learning rate (reference: 1e-4)
     * @param seed         seeds the data order
     * @param logEvery     report progress every this many steps (and after the last)
     */
    public record Settings(int steps, int batchSize, double learningRate, long seed, int logEvery) {
        public Settings {
            if (steps < 1 || batchSize < 1 || logEvery < 1) {
                throw new IllegalArgumentException("steps, batch size and logEvery must be at least 1, got " + steps
                        + ", " + batchSize + ", " + logEvery);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
            }
        }
    }

    private final MetaLearner model;
    private final Adam adam;

    public MetaTrainer(MetaLearner model) {
        this.model = model;
        this.adam = Adam.standard(model.parameters().manager());
    }

    /** Outer Adam steps over batches of {@code data} in a seeded random order; returns the logged events. */
    public List<ProgressEvent> train(SignalBatch data, Settings s, ProgressListener listener) {
        checkSignals(data, s.batchSize());
        ParameterSet params = model.parameters();
        BatchOrder order = new BatchOrder(data.count(), s.batchSize(), s.seed());
        List<ProgressEvent> history = new ArrayList<>();
        ProgressClock clock = new ProgressClock(s.steps());
        ProgressEvent last = null;
        try (NDManager run = params.manager().newSubManager()) {
            NDArray grid = CoordinateGrid.create(run, data.grid(), 1.0, params.dataType()); // (P, d)
            for (int step = 1; step <= s.steps(); step++) {
                try (NDManager scope = run.newSubManager()) {
                    params.zeroGradients();
                    NDArray mse;
                    try (GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
                        mse = adaptedMse(scope, grid, gather(data, order.next()), true)[0];
                        gc.backward(mse.mean()); // the reference's outer loss: per-instance MSE, averaged
                    }
                    adam.update(params, s.learningRate(), scope);
                    if (step % s.logEvery() == 0 || step == s.steps()) {
                        last = report(clock, step, mse, s.learningRate(), listener);
                        history.add(last);
                    }
                }
            }
        }
        listener.onFinish(last);
        return history;
    }

    /** Adapts to every signal of {@code data}, {@code batchSize} at a time, without outer updates. */
    public AdaptationResult evaluate(SignalBatch data, int batchSize) {
        checkSignals(data, 1);
        ParameterSet params = model.parameters();
        int n = model.metaSettings().nInnerStep();
        double[][] psnr = new double[data.count()][];
        float[] recon = new float[data.values().length];
        int perSignal = data.points() * data.channels();
        try (NDManager run = params.manager().newSubManager()) {
            NDArray grid = CoordinateGrid.create(run, data.grid(), 1.0, params.dataType()); // (P, d)
            for (int from = 0; from < data.count(); from += batchSize) {
                int to = Math.min(data.count(), from + batchSize);
                try (NDManager scope = run.newSubManager()) {
                    NDArray[] out = adaptedMse(scope, grid, data.slice(from, to), false);
                    double[] byStep = Metrics.toDoubles(out[0]); // (N_inner + 1) x B, step-major
                    for (int i = 0; i < to - from; i++) {
                        psnr[from + i] = new double[n + 1];
                        for (int k = 0; k <= n; k++) {
                            psnr[from + i][k] = Metrics.psnr(byStep[k * (to - from) + i]);
                        }
                    }
                    float[] pred = SignalBatch.fromNDArray(out[1], data.grid()).values();
                    System.arraycopy(pred, 0, recon, from * perSignal, pred.length);
                }
            }
        }
        return new AdaptationResult(psnr, new SignalBatch(recon, data.count(), data.grid(), data.channels()));
    }

    /**
     * Runs the inner loop on {@code batch} and renders the adapted weights. Training: {MSE (B)} after the inner
     * loop, through the inner steps. Evaluation: {MSE (N_inner + 1, B) before each inner step and after the
     * last, prediction (B, P, C)}.
     */
    private NDArray[] adaptedMse(NDManager scope, NDArray grid, SignalBatch batch, boolean training) {
        ParameterSet.Bound p = model.parameters().bind(scope);
        NDArray coords = ParameterSet.view(grid, scope); // (P, d)
        NDArray targets = batch.toNDArray(scope).toType(model.parameters().dataType(), false); // (B, P, C)
        Observation observed = new Observation(targets, coords, batch.grid());
        List<NDArray> mseByStep = training ? null : new ArrayList<>();
        Map<Integer, NDArray> weights = training ? model.instanceWeights(p, observed, true)
                : model.adapt(p, observed, mseByStep);
        NDArray prediction = model.render(p, weights, coords); // (B, P, C)
        NDArray mse = Metrics.perInstanceMse(prediction, targets); // (B)
        if (training) {
            return new NDArray[] {mse};
        }
        mseByStep.add(mse);
        return new NDArray[] {NDArrays.stack(new NDList(mseByStep)), prediction}; // (N_inner + 1, B)
    }

    private static ProgressEvent report(ProgressClock clock, int step, NDArray mse, double lr,
                                        ProgressListener listener) {
        double[] m = Metrics.toDoubles(mse);
        double meanMse = Arrays.stream(m).average().orElse(Double.NaN);
        if (!Double.isFinite(meanMse)) {
            throw new IllegalStateException("meta-training diverged at step " + step + ": mean MSE " + meanMse
                    + " (try a smaller arch.inner_lr or outer learning rate)");
        }
        ProgressEvent e = clock.event(step, meanMse, Metrics.meanPsnr(m), lr);
        listener.onProgress(e);
        return e;
    }

    private static SignalBatch gather(SignalBatch data, int[] indices) {
        int n = data.points() * data.channels();
        float[] values = new float[indices.length * n];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(data.values(), indices[k] * n, values, k * n, n);
        }
        return new SignalBatch(values, indices.length, data.grid(), data.channels());
    }

    private void checkSignals(SignalBatch data, int batchSize) {
        if (data.count() < batchSize) {
            throw new IllegalArgumentException("meta-training needs at least one full batch: " + data.count()
                    + " signals for batch size " + batchSize);
        }
        if (data.grid().length != model.hyponet().inputDim() || data.channels() != model.hyponet().outputDim()) {
            throw new IllegalArgumentException("signals of " + data.grid().length + "-D grid with " + data.channels()
                    + " channels do not match the hyponet (input_dim " + model.hyponet().inputDim() + ", output_dim "
                    + model.hyponet().outputDim() + ")");
        }
    }

    @Override
    public void close() {
        adam.close();
    }

    /** Seeded epochs: a fresh random permutation each epoch, cut into full batches (the remainder is dropped). */
    private static final class BatchOrder {
        private final int count;
        private final int batchSize;
        private final Random random;
        private int[] permutation = new int[0];
        private int cursor;

        BatchOrder(int count, int batchSize, long seed) {
            this.count = count;
            this.batchSize = batchSize;
            this.random = new Random(seed);
        }

        int[] next() {
            if (cursor + batchSize > permutation.length) {
                permutation = java.util.stream.IntStream.range(0, count).toArray();
                for (int i = count - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = permutation[i];
                    permutation[i] = permutation[j];
                    permutation[j] = t;
                }
                cursor = 0;
            }
            int[] batch = Arrays.copyOfRange(permutation, cursor, cursor + batchSize);
            cursor += batchSize;
            return batch;
        }
    }
}
