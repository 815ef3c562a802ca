package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GradMode;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.MetaLearner;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Held-out evaluation and reconstruction of a {@link GeneralizableInr}, batch by batch, each in its own scope: PSNR
 * of the signals of any {@link SignalSet} (images and audio at their grid, scenes on the rendered query views), the
 * meta-learners' adaptation step by step, and reconstructions on denser grids.
 */
public final class Evaluation {

    private Evaluation() {}

    /** PSNR of every signal of {@code data}, reconstructed at its own grid. */
    public static double[] psnr(GeneralizableInr model, SignalBatch data, int batchSize) {
        return psnr(model, new GridSignals(data), batchSize);
    }

    /**
     * PSNR of every signal of {@code data}: -10 log10 of the MSE over all its queries (the points of a grid, the
     * pixels of a scene's query views), rendered without training-time noise.
     */
    public static double[] psnr(GeneralizableInr model, SignalSet data, int batchSize) {
        return GradMode.off(() -> psnrNoGrad(model, data, batchSize));
    }

    private static double[] psnrNoGrad(GeneralizableInr model, SignalSet data, int batchSize) {
        List<Double> out = new ArrayList<>();
        try (HostStaging staging = new HostStaging()) { // the batches' buffer and the grid, freed at the end
            for (int from = 0; from < data.count(); from += batchSize) {
                try (NDManager scope = model.parameters().manager().newSubManager()) {
                    ParameterSet.Bound p = model.parameters().bind(scope);
                    QueryBatch batch = data.evaluationBatch(from, Math.min(data.count(), from + batchSize), scope,
                            staging);
                    Map<Integer, NDArray> w = model.instanceWeights(p, batch.observed(), false);
                    NDArray mse = Metrics.perInstanceMse(batch.render(model, p, w), batch.targets()); // (B)
                    for (double m : Metrics.toDoubles(mse)) {
                        out.add(Metrics.psnr(m));
                    }
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Adaptation step by step for a meta-learned model: each signal of {@code data} is adapted by the inner loop
     * (no outer update), and its reconstruction and PSNR are recorded before every inner step (step 0 = the learned
     * initialisation) and after the last.
     */
    public static AdaptationResult adaptation(MetaLearner model, SignalBatch data, int batchSize) {
        return GradMode.off(() -> adaptationNoGrad(model, data, batchSize));
    }

    private static AdaptationResult adaptationNoGrad(MetaLearner model, SignalBatch data, int batchSize) {
        int n = model.metaConfig().nInnerStep();
        double[][] psnr = new double[data.count()][n + 1];
        float[][] recon = new float[n + 1][data.values().length];
        int perSignal = data.points() * data.channels();
        for (int from = 0; from < data.count(); from += batchSize) {
            int to = Math.min(data.count(), from + batchSize);
            try (NDManager scope = model.parameters().manager().newSubManager()) {
                ParameterSet.Bound p = model.parameters().bind(scope);
                SignalBatch batch = data.slice(from, to);
                NDArray values = batch.toNDArray(scope).toType(model.parameters().dataType(), false); // (B, P, C)
                NDArray grid = CoordinateGrid.create(scope, batch.grid(), 1.0, values.getDataType()); // (P, d)
                List<NDArray> byStep = new ArrayList<>(); // (B, P, C) before each inner step
                Map<Integer, NDArray> w = model.adapt(p, new Observation(values, grid, batch.grid()), byStep);
                byStep.add(model.render(p, w, grid)); // (B, P, C) after the last inner step
                for (int k = 0; k <= n; k++) {
                    double[] m = Metrics.toDoubles(Metrics.perInstanceMse(byStep.get(k), values)); // (B)
                    for (int i = 0; i < to - from; i++) {
                        psnr[from + i][k] = Metrics.psnr(m[i]);
                    }
                    float[] pred = SignalBatch.fromNDArray(byStep.get(k), batch.grid()).values();
                    System.arraycopy(pred, 0, recon[k], from * perSignal, pred.length);
                }
            }
        }
        List<SignalBatch> reconstructions = new ArrayList<>();
        for (float[] r : recon) {
            reconstructions.add(new SignalBatch(r, data.count(), data.grid(), data.channels()));
        }
        return new AdaptationResult(psnr, reconstructions);
    }

    /**
     * The learned initialisation rendered on its own, before any inner step (what every instance starts from, the
     * same for all): one signal on {@code grid}, e.g. {128, 128}, whatever the resolution of the training signals.
     */
    public static SignalBatch learnedInitialisation(MetaLearner model, int[] grid) {
        RenderBudget.checkHost(1, grid, model.hyponet().outputDim(), 1, grid);
        return GradMode.off(() -> {
            try (NDManager scope = model.parameters().manager().newSubManager()) {
                ParameterSet.Bound p = model.parameters().bind(scope);
                NDArray coords = CoordinateGrid.create(scope, grid, 1.0, model.parameters().dataType()); // (P, d)
                NDArray rendered = model.render(p, model.initialWeights(p, 1), coords); // (1, P, C)
                return SignalBatch.fromNDArray(rendered, grid);
            }
        });
    }

    /** Mean PSNR over {@code data}. */
    public static double meanPsnr(GeneralizableInr model, SignalBatch data, int batchSize) {
        return meanPsnr(model, new GridSignals(data), batchSize);
    }

    /** Mean PSNR over {@code data}. */
    public static double meanPsnr(GeneralizableInr model, SignalSet data, int batchSize) {
        return java.util.Arrays.stream(psnr(model, data, batchSize)).average().orElse(Double.NaN);
    }

    /**
     * Reconstructions of {@code data} rendered on a grid upsampled by {@code upsample} (1 = the signals' own grid):
     * (B, round(H s) round(W s), C). Refused up front, with the largest ratio that fits, when the result cannot be
     * held in this JVM's heap; the engine renders the query grid in chunks of points, so its memory stays bounded.
     */
    public static SignalBatch reconstruct(GeneralizableInr model, SignalBatch data, double upsample, int batchSize) {
        int[] grid = CoordinateGrid.upsampledShape(data.grid(), upsample);
        RenderBudget.checkHost(data.count(), grid, data.channels(), upsample, data.grid());
        return GradMode.off(() -> reconstructNoGrad(model, data, upsample, grid, batchSize));
    }

    private static SignalBatch reconstructNoGrad(GeneralizableInr model, SignalBatch data, double upsample, int[] grid,
                                                 int batchSize) {
        int points = java.util.Arrays.stream(grid).reduce(1, (a, b) -> a * b);
        int channels = data.channels();
        float[] all = new float[data.count() * points * channels];
        float[] query = CoordinateGrid.values(grid); // (P', d), row-major
        int d = grid.length;
        for (int from = 0; from < data.count(); from += batchSize) {
            SignalBatch batch = data.slice(from, Math.min(data.count(), from + batchSize));
            int chunk = RenderBudget.pointsPerChunk(model.hyponet(), batch.count());
            try (NDManager scope = model.parameters().manager().newSubManager()) {
                ParameterSet.Bound p = model.parameters().bind(scope);
                NDArray values = batch.toNDArray(scope);
                NDArray own = CoordinateGrid.create(scope, batch.grid(), 1.0, values.getDataType());
                Map<Integer, NDArray> w = model.instanceWeights(p, new Observation(values, own, batch.grid()), false);
                for (int at = 0; at < points; at += chunk) {
                    int n = Math.min(chunk, points - at);
                    try (NDManager part = scope.newSubManager()) {
                        NDArray coords = part.create(java.util.Arrays.copyOfRange(query, at * d, (at + n) * d),
                                new ai.djl.ndarray.types.Shape(n, d)).toType(values.getDataType(), false); // (n, d)
                        Map<Integer, NDArray> chunkWeights = new java.util.LinkedHashMap<>();
                        w.forEach((layer, weight) -> chunkWeights.put(layer, ParameterSet.view(weight, part)));
                        // everything of this chunk in its own scope, so chunks do not pile up
                        NDArray rendered = model.render(model.parameters().bind(part), chunkWeights,
                                coords); // (B, n, C)
                        float[] out = rendered.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                        for (int i = 0; i < batch.count(); i++) {
                            System.arraycopy(out, i * n * channels, all, ((from + i) * points + at) * channels,
                                    n * channels);
                        }
                    }
                }
            }
        }
        return new SignalBatch(all, data.count(), grid, channels);
    }
}
