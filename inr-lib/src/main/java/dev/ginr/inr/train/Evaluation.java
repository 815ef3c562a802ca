package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Held-out evaluation and reconstruction of a {@link GeneralizableInr}, batch by batch, each in its own scope. */
public final class Evaluation {

    private Evaluation() {}

    /** PSNR of every signal of {@code data}, reconstructed at its own grid. */
    public static double[] psnr(GeneralizableInr model, SignalBatch data, int batchSize) {
        List<Double> out = new ArrayList<>();
        for (int from = 0; from < data.count(); from += batchSize) {
            SignalBatch batch = data.slice(from, Math.min(data.count(), from + batchSize));
            try (NDManager scope = model.parameters().manager().newSubManager()) {
                ParameterSet.Bound p = model.parameters().bind(scope);
                NDArray values = batch.toNDArray(scope); // (B, P, C)
                NDArray grid = CoordinateGrid.create(scope, batch.grid(), 1.0, values.getDataType());
                Map<Integer, NDArray> w = model.instanceWeights(p, new Observation(values, grid, batch.grid()), false);
                for (double m : Metrics.toDoubles(Metrics.perInstanceMse(model.render(p, w, grid), values))) {
                    out.add(Metrics.psnr(m));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Mean PSNR over {@code data}. */
    public static double meanPsnr(GeneralizableInr model, SignalBatch data, int batchSize) {
        return java.util.Arrays.stream(psnr(model, data, batchSize)).average().orElse(Double.NaN);
    }

    /**
     * Reconstructions of {@code data} rendered on a grid upsampled by {@code upsample} (1 = the signals' own grid):
     * (B, round(H s) round(W s), C).
     */
    public static SignalBatch reconstruct(GeneralizableInr model, SignalBatch data, double upsample, int batchSize) {
        int[] grid = CoordinateGrid.upsampledShape(data.grid(), upsample);
        List<float[]> parts = new ArrayList<>();
        for (int from = 0; from < data.count(); from += batchSize) {
            SignalBatch batch = data.slice(from, Math.min(data.count(), from + batchSize));
            try (NDManager scope = model.parameters().manager().newSubManager()) {
                ParameterSet.Bound p = model.parameters().bind(scope);
                NDArray values = batch.toNDArray(scope);
                NDArray own = CoordinateGrid.create(scope, batch.grid(), 1.0, values.getDataType());
                Map<Integer, NDArray> w = model.instanceWeights(p, new Observation(values, own, batch.grid()), false);
                NDArray query = CoordinateGrid.create(scope, data.grid(), upsample, values.getDataType());
                parts.add(SignalBatch.fromNDArray(model.render(p, w, query), grid).values());
            }
        }
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return new SignalBatch(all, data.count(), grid, data.channels());
    }
}
