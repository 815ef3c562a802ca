package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.ginr.inr.config.Activation;
import dev.ginr.inr.config.HyponetConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inner-loop gradient of meta-learning (PAPER.md §4): for the per-instance reconstruction loss summed over the
 * batch, L = sum_n MSE_n, the gradient dL/dW(n) with respect to each instance's own weight of the adapted layers,
 * written out as ordinary tensor operations (explicit backpropagation through the hyponet).
 *
 * <p>Why not the engine's backward: libtorch only writes gradients into leaf tensors, and a backward with graph
 * creation into a leaf makes a reference cycle leaf -> .grad -> graph -> leaf, which DJL cannot break (it cannot set
 * .grad to None). Probed with DJL 0.36 / libtorch 2.7.1: the resident memory of such a loop grew by about 10 MB per
 * step (200 MB to 3.9 GB in 350 steps) while DJL's array count stayed flat. Built from differentiable operations, the
 * gradient here is part of the forward graph: the outer backward differentiates it again (second order) with a
 * plain {@code GradientCollector}, and {@link NDArray#stopGradient()} gives the first-order variant.
 *
 * <p>Backward recursion, with z_i = [h_i, 1] W_i the pre-activation of layer i and delta_i = dL/dz_i:
 * delta_last = 2 (y_hat - y) / (P C); dL/dW_i = h_i^T delta_i (bias row: sum over points of delta_i);
 * delta_(i-1) = (delta_i W_i^T) * act'(z_(i-1)). With {@code normalize_weight}, W_i = W / ||W||_col, so the raw
 * weight's gradient is (G - W_i sum_rows(G * W_i)) / ||W||_col.
 */
public final class InnerGradient {

    private final ModulatedMlp mlp;
    private final HyponetConfig config;
    private final FourierFeatures fourier;

    public InnerGradient(ModulatedMlp mlp) {
        this.mlp = mlp;
        this.config = mlp.config();
        this.fourier = new FourierFeatures(config.fourier(), config.inputDim());
    }

    /**
     * @param prediction the hyponet output (B, P, C) with the given instance weights
     * @param mse        per-instance MSE (B)
     * @param gradients  dL/dW(n) of every given instance weight, same shapes, L = sum_n MSE_n
     */
    public record Result(NDArray prediction, NDArray mse, Map<Integer, NDArray> gradients) {}

    /**
     * Runs the hyponet with {@code instanceWeights} and differentiates the summed per-instance MSE against
     * {@code targets} with respect to each of them.
     *
     * @param coords          (P, d) grid shared by the batch, or (B, P, d)
     * @param targets         (B, P, C)
     * @param instanceWeights by layer, (B, fan_in, fan_out) or (B, fan_in + 1, fan_out), as for
     *                        {@link ModulatedMlp#forward}
     */
    public Result compute(ParameterSet.Bound p, NDArray coords, NDArray targets, Map<Integer, NDArray> instanceWeights) {
        if (instanceWeights.isEmpty()) {
            throw new IllegalArgumentException("the inner gradient needs at least one per-instance weight");
        }
        int last = config.nLayer() - 1;
        List<NDArray> inputs = new ArrayList<>(); // h_i: (P, fan_in) or (B, P, fan_in)
        List<NDArray> preActivations = new ArrayList<>(); // z_i: (…, P, fan_out)
        List<NDArray> weights = new ArrayList<>(); // effective weight rows: (fan_in, fan_out) or (B, fan_in, fan_out)
        NDArray h = fourier.apply(p, coords);
        for (int i = 0; i <= last; i++) {
            NDArray[] wb = mlp.effectiveWeight(p, i, instanceWeights.get(i));
            NDArray z = h.matMul(wb[0]).add(wb[1]); // (…, P, fan_in) x (…, fan_in, fan_out) -> (…, P, fan_out)
            inputs.add(h);
            preActivations.add(z);
            weights.add(wb[0]);
            h = i < last ? mlp.activate(z) : z;
        }
        NDArray prediction = config.outputBias() == 0 ? h : h.add(config.outputBias()); // (B, P, C)
        NDArray residual = prediction.sub(targets); // (B, P, C)
        long perInstance = residual.getShape().get(1) * residual.getShape().get(2);
        NDArray mse = GraphScalar.scale(residual.square().sum(new int[] {1, 2}), 1.0 / perInstance); // (B)
        NDArray delta = GraphScalar.scale(residual, 2.0 / perInstance); // dL/dz_last: (B, P, C)
        int lowest = Collections.min(instanceWeights.keySet());
        Map<Integer, NDArray> gradients = new LinkedHashMap<>();
        for (int i = last; i >= lowest; i--) {
            NDArray w = instanceWeights.get(i);
            if (w != null) {
                gradients.put(i, weightGradient(inputs.get(i), delta, weights.get(i), w, i));
            }
            if (i > lowest) {
                NDArray back = delta.matMul(transposeLast(weights.get(i))); // (B, P, fan_out) x (…, fan_out, fan_in)
                delta = back.mul(activationDerivative(preActivations.get(i - 1), inputs.get(i))); // (B, P, fan_in)
            }
        }
        return new Result(prediction, mse, gradients);
    }

    /** dL/dW(n) of one layer in the shape of the given instance weight (B, fan_in [+ 1], fan_out). */
    private NDArray weightGradient(NDArray input, NDArray delta, NDArray effective, NDArray instanceWeight, int i) {
        NDArray g = transposeLast(input).matMul(delta); // (…, fan_in, P) x (B, P, fan_out) -> (B, fan_in, fan_out)
        if (config.normalizeWeight()) {
            NDArray raw = rows(instanceWeight, i); // (B, fan_in, fan_out)
            NDArray colNorm = raw.norm(new int[] {1}, true); // (B, 1, fan_out)
            NDArray norm = colNorm.maximum(GraphScalar.of(colNorm, ModulatedMlp.NORM_EPS));
            NDArray radial = effective.mul(g.mul(effective).sum(new int[] {1}, true)); // (B, fan_in, fan_out)
            g = g.sub(radial).div(norm);
        }
        if (instanceWeight.getShape().get(1) == config.fanIn(i) + 1) {
            NDArray biasGradient = delta.sum(new int[] {1}, true); // (B, P, fan_out) -> (B, 1, fan_out)
            g = g.concat(biasGradient, 1); // (B, fan_in + 1, fan_out)
        }
        return g;
    }

    private NDArray rows(NDArray instanceWeight, int i) {
        if (instanceWeight.getShape().get(1) == config.fanIn(i) + 1) {
            return instanceWeight.get(new NDIndex(":, :-1, :")); // (B, fan_in, fan_out)
        }
        return instanceWeight;
    }

    /** act'(z) for the hyponet's activation, given also its output h = act(z). */
    private NDArray activationDerivative(NDArray z, NDArray h) {
        Activation a = config.activation();
        if (a == Activation.RELU) {
            return h.sign(); // h = relu(z) >= 0, so sign(h) is the step function z > 0 (its own derivative is zero)
        }
        if (a == Activation.SIREN) {
            double w0 = config.sirenW0(); // d sin(w0 z) = w0 cos(w0 z)
            return GraphScalar.scale(GraphScalar.scale(z, w0).cos(), w0);
        }
        NDArray s = ai.djl.nn.Activation.sigmoid(z); // SiLU: d (z s(z)) = s (1 + z (1 - s))
        return s.mul(z.mul(s.neg().add(1)).add(1));
    }

    private static NDArray transposeLast(NDArray a) {
        int d = a.getShape().dimension();
        return a.swapAxes(d - 2, d - 1);
    }
}
