package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GradMode;
import dev.ginr.inr.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) with PyTorch's semantics, including L2 weight decay added to the gradient:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps).
 *
 * <p>Written here rather than taken from DJL because its moment estimates must be saved in checkpoints and restored
 * on resume; DJL's Adam keeps them private. The update itself is the engine's fused one (one native call per
 * parameter instead of a dozen small ops), with its step size and epsilon chosen so that it computes PyTorch's formula.
 * The moments live in a manager of their own; the gradient handles of an update belong to the step's manager.
 */
public final class Adam implements AutoCloseable {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private long step;

    public Adam(NDManager parent, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must lie in [0, 1), got (" + beta1 + ", " + beta2 + ")");
        }
        if (!(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam needs eps > 0 and weight_decay >= 0, got eps " + eps
                    + ", weight_decay " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.stateManager = parent.newSubManager();
    }

    /** The reference set-up: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam standard(NDManager parent) {
        return new Adam(parent, 0.9, 0.999, 1e-8, 0);
    }

    /** Number of updates applied so far. */
    public long stepCount() {
        return step;
    }

    /** Applies one update with the gradients the trainable parameters hold; temporaries go to {@code scope}. */
    public void update(ParameterSet params, double learningRate, NDManager scope) {
        update(params, learningRate, 1.0, scope);
    }

    /**
     * Applies one update with the gradients scaled by {@code gradScale} first (gradient-norm clipping passes its
     * factor here).
     */
    public void update(ParameterSet params, double learningRate, double gradScale, NDManager scope) {
        GradMode.off(() -> apply(params, learningRate, gradScale, scope));
    }

    private void apply(ParameterSet params, double learningRate, double gradScale, NDManager scope) {
        step++;
        // The engine's fused update takes the betas as float32 and computes p -= a m / (sqrt(v) + e) in one native
        // call per parameter. With the bias corrections bc computed from the same float32 betas, a = lr sqrt(bc2) / bc1
        // and e = eps sqrt(bc2), that is PyTorch's lr / bc1 * m / (sqrt(v / bc2) + eps).
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        double bc1 = 1 - Math.pow(b1, step);
        double bc2 = 1 - Math.pow(b2, step);
        float stepSize = (float) (learningRate * Math.sqrt(bc2) / bc1);
        float scaledEps = (float) (eps * Math.sqrt(bc2));
        for (String name : params.trainableNames()) {
            NDArray p = params.get(name);
            NDArray g = scoped(p.getGradient(), scope); // a new handle each call: keep it in the step scope
            NDArray m = firstMoment.computeIfAbsent(name, k -> stateManager.zeros(p.getShape(), p.getDataType()));
            NDArray v = secondMoment.computeIfAbsent(name, k -> stateManager.zeros(p.getShape(), p.getDataType()));
            // L2 decay is added to the rescaled gradient (adamw false); a negative clip bound means no clipping.
            p.getNDArrayInternal().adamUpdate(new NDList(p, g, m, v), new NDList(p), (float) learningRate, stepSize,
                    (float) weightDecay, (float) gradScale, -1f, b1, b2, scaledEps, false, false);
        }
    }

    private static NDArray scoped(NDArray a, NDManager scope) {
        a.attach(scope);
        return a;
    }

    /** The optimiser state for a checkpoint: moments by parameter name ("m/NAME", "v/NAME"). */
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        firstMoment.forEach((k, a) -> s.put("m/" + k, a));
        secondMoment.forEach((k, a) -> s.put("v/" + k, a));
        return s;
    }

    /** Restores the state written by {@link #state()} and the update count. */
    public void restore(Map<String, NDArray> state, long stepCount) {
        firstMoment.values().forEach(NDArray::close);
        secondMoment.values().forEach(NDArray::close);
        firstMoment.clear();
        secondMoment.clear();
        state.forEach((k, a) -> {
            NDArray copy = a.duplicate();
            copy.attach(stateManager);
            if (k.startsWith("m/")) {
                firstMoment.put(k.substring(2), copy);
            } else if (k.startsWith("v/")) {
                secondMoment.put(k.substring(2), copy);
            } else {
                throw new IllegalArgumentException("unknown optimiser state entry '" + k + "'");
            }
        });
        this.step = stepCount;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
