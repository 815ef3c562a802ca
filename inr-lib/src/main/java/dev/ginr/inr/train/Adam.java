package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
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
 * on resume; DJL's Adam keeps them private. The moments live in a manager of their own; every temporary of an
 * update belongs to the step's manager.
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
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        for (String name : params.trainableNames()) {
            NDArray p = params.get(name);
            NDArray g = scoped(p.getGradient(), scope); // a new handle each call: keep it in the step scope
            if (gradScale != 1.0) {
                g = g.mul(gradScale);
            }
            update(name, p, g, learningRate, bc1, bc2, scope);
        }
    }

    private void update(String name, NDArray p, NDArray g, double lr, double bc1, double bc2, NDManager scope) {
        if (weightDecay > 0) {
            g = g.add(scoped(p.mul(weightDecay), scope));
        }
        NDArray m = firstMoment.computeIfAbsent(name, k -> stateManager.zeros(p.getShape(), p.getDataType()));
        NDArray v = secondMoment.computeIfAbsent(name, k -> stateManager.zeros(p.getShape(), p.getDataType()));
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.square().mul(1 - beta2));
        NDArray denom = scoped(v.div(bc2), scope).sqrt().add(eps);
        NDArray delta = scoped(m.mul(lr / bc1), scope).div(denom);
        p.subi(delta);
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
