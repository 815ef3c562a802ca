package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.MetaConfig;
import dev.ginr.inr.nn.InnerGradient;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.GraphScalar;
import dev.ginr.inr.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inner loop of Algorithm 1 (PAPER.md §4): starting from a learned initialisation, each instance's adapted
 * tensors (its composers V(n), or for Learned Init its full layer weights) take N_inner SGD steps on its own
 * reconstruction loss: V(n) <- V(n) - eps s(V(n)) dL/dV(n), L = sum_n MSE_n (summed, so instances do not share a
 * step size), s(V) = ||V(n)||_F^2 under {@code normalize_weight} (the normalised weight is invariant to the scale of
 * V, whose gradient shrinks as 1 / ||V||), else 1.
 *
 * <p>While training, the inner gradient stays in the graph, so the outer loss differentiates through the updates
 * including the derivative of the inner gradient (second order) unless {@link MetaConfig#firstOrder()} detaches
 * it. s(V) stays differentiable in both cases, as in the reference.
 */
public final class InnerLoop {

    /** How the adapted tensors are initialised and turned into hyponet weights. */
    public interface Parametrisation {

        /** The learned initialisation repeated over the batch, by layer: (B, …). */
        Map<Integer, NDArray> initialState(ParameterSet.Bound p, long batchSize);

        /** Per-instance hyponet weights of the adapted layers, (B, fan_in [+ 1], fan_out). */
        Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Map<Integer, NDArray> state);

        /** The loss gradient w.r.t. the state, from its gradient w.r.t. the instance weights (chain rule). */
        Map<Integer, NDArray> stateGradients(ParameterSet.Bound p, Map<Integer, NDArray> state,
                                             Map<Integer, NDArray> weightGradients);

        /** The part of a state tensor whose squared Frobenius norm is s(V), (B, …). */
        default NDArray scaleReference(int layer, NDArray state) {
            return state;
        }
    }

    private final Parametrisation parametrisation;
    private final InnerGradient gradient;
    private final MetaConfig settings;
    private final boolean normalizeWeight;

    public InnerLoop(Parametrisation parametrisation, ModulatedMlp mlp, MetaConfig settings) {
        this.parametrisation = parametrisation;
        this.gradient = new InnerGradient(mlp);
        this.settings = settings;
        this.normalizeWeight = mlp.config().normalizeWeight();
    }

    /** A learned initialisation repeated over the batch: (rows, cols) -> (B, rows, cols), a broadcast view. */
    public static NDArray repeatOverBatch(NDArray init, long batchSize) {
        Shape s = init.getShape();
        return init.expandDims(0).broadcast(new Shape(batchSize, s.get(0), s.get(1))); // (B, rows, cols)
    }

    public MetaConfig settings() {
        return settings;
    }

    /**
     * Adapts to the observed signals and returns the adapted per-instance hyponet weights.
     *
     * @param training   keep the inner gradients differentiable (second order) unless first order is set
     * @param predictionsByStep if not null, receives the hyponet's output (B, P, C) at the observed coordinates
     *                          before every inner step (step 0 = the init); the output after the last step is the
     *                          caller's, from rendering the returned weights
     */
    public Map<Integer, NDArray> adapt(ParameterSet.Bound p, Observation observed, boolean training,
                                       List<NDArray> predictionsByStep) {
        Map<Integer, NDArray> state = parametrisation.initialState(p, observed.batchSize());
        for (int step = 0; step < settings.nInnerStep(); step++) {
            Map<Integer, NDArray> weights = parametrisation.instanceWeights(p, state);
            InnerGradient.Result r = gradient.compute(p, observed.coords(), observed.values(), weights);
            if (predictionsByStep != null) {
                predictionsByStep.add(r.prediction());
            }
            Map<Integer, NDArray> grads = parametrisation.stateGradients(p, state, r.gradients());
            state = sgdStep(state, grads, training && !settings.firstOrder());
        }
        return parametrisation.instanceWeights(p, state);
    }

    /**
     * The hyponet weights of the learned initialisation itself, before any inner step (every instance starts from
     * them): by layer, (B, fan_in [+ 1], fan_out).
     */
    public Map<Integer, NDArray> initialWeights(ParameterSet.Bound p, long batchSize) {
        return parametrisation.instanceWeights(p, parametrisation.initialState(p, batchSize));
    }

    private Map<Integer, NDArray> sgdStep(Map<Integer, NDArray> state, Map<Integer, NDArray> grads,
                                          boolean secondOrder) {
        Map<Integer, NDArray> next = new LinkedHashMap<>();
        for (Map.Entry<Integer, NDArray> e : state.entrySet()) {
            NDArray v = e.getValue(); // (B, rows, cols)
            NDArray g = grads.get(e.getKey());
            if (!secondOrder) {
                g = g.stopGradient();
            }
            NDArray step = GraphScalar.scale(g, settings.innerLr()); // the scalar must outlive backward
            if (normalizeWeight) {
                NDArray ref = parametrisation.scaleReference(e.getKey(), v);
                step = step.mul(ref.square().sum(new int[] {1, 2}, true)); // s(V) = ||V||_F^2: (B, 1, 1)
            }
            next.put(e.getKey(), v.sub(step));
        }
        return next;
    }
}
