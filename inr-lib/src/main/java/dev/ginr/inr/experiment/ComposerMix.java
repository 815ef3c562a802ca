package dev.ginr.inr.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GradMode;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.LowRankModulatedTransInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Composer arithmetic (beyond the paper): signals rendered from a mix of two instances' composers,
 * V(t) = (1 - t) V(A) + t V(B) for t from 0 to 1, so W(t) = normalize(V(t) U) with the shared U and every other
 * weight unchanged. At t = 0 and t = 1 the render is exactly the reconstruction of A and of B.
 *
 * @param run       the run's name
 * @param endpoints the two observed signals A and B, (2, P, C)
 * @param t         the mixing weights, t_k = k / (K - 1)
 * @param mixed     the rendered signals, (K, P, C), one per t
 */
public record ComposerMix(String run, SignalBatch endpoints, double[] t, SignalBatch mixed) {

    /** Most mixing steps rendered at once. */
    public static final int MAX_STEPS = 64;

    /**
     * Renders the mix of the composers that {@code run} predicts for {@code a} and {@code b} (one signal each) at
     * {@code steps} evenly spaced t from 0 to 1.
     */
    public static ComposerMix of(ExperimentRun run, SignalBatch a, SignalBatch b, int steps) {
        if (steps < 2 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps = " + steps + " is invalid: the strip needs 2.." + MAX_STEPS
                    + " values of t (t = 0 and t = 1 included)");
        }
        if (!(run.model() instanceof LowRankModulatedTransInr model)) {
            throw new IllegalArgumentException("run '" + run.name() + "' is a " + run.model().type() + " model: "
                    + "mixing composers needs instance pattern composers predicted by a transformer ("
                    + LowRankModulatedTransInr.TYPE + ")");
        }
        if (a.count() != 1 || b.count() != 1) {
            throw new IllegalArgumentException("give one signal for A and one for B, got " + a.count() + " and "
                    + b.count());
        }
        double[] t = new double[steps];
        for (int k = 0; k < steps; k++) {
            t[k] = k == steps - 1 ? 1.0 : (double) k / (steps - 1);
        }
        float[] both = new float[a.values().length * 2];
        System.arraycopy(a.values(), 0, both, 0, a.values().length);
        System.arraycopy(b.values(), 0, both, a.values().length, b.values().length);
        SignalBatch endpoints = new SignalBatch(both, 2, a.grid(), a.channels());
        SignalBatch mixed = GradMode.off(() -> render(model, endpoints, t));
        return new ComposerMix(run.name(), endpoints, t, mixed);
    }

    private static SignalBatch render(LowRankModulatedTransInr model, SignalBatch endpoints, double[] t) {
        try (NDManager scope = model.parameters().manager().newSubManager()) {
            ParameterSet.Bound p = model.parameters().bind(scope);
            NDArray values = endpoints.toNDArray(scope); // (2, P, C)
            NDArray grid = CoordinateGrid.create(scope, endpoints.grid(), 1.0, DataType.FLOAT32); // (P, d)
            Map<Integer, NDArray> v = model.predictComposers(p, new Observation(values, grid, endpoints.grid()),
                    false); // (2, fan_in, r) per layer
            Map<Integer, NDArray> mixedV = new LinkedHashMap<>();
            v.forEach((layer, pair) -> mixedV.put(layer, mix(pair, t)));
            NDArray out = model.render(p, model.composers().instanceWeights(p, mixedV), grid); // (K, P, C)
            return SignalBatch.fromNDArray(out, endpoints.grid());
        }
    }

    /** (2, fan_in, r) -> (K, fan_in, r): (1 - t_k) V(A) + t_k V(B). */
    static NDArray mix(NDArray pair, double[] t) {
        NDArray va = pair.get(0); // (fan_in, r)
        NDArray vb = pair.get(1); // (fan_in, r)
        NDList rows = new NDList();
        for (double tk : t) {
            rows.add(va.mul(1 - tk).add(vb.mul(tk))); // (fan_in, r)
        }
        return NDArrays.stack(rows); // (K, fan_in, r)
    }

    /** The render at t_k as a batch of one signal. */
    public SignalBatch at(int k) {
        return mixed.slice(k, k + 1);
    }
}
