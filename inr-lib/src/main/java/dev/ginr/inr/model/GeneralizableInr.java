package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;

import java.util.Map;

/**
 * A generalizable implicit neural representation: shared parameters (the pattern composition rule) plus a way to
 * obtain each instance's own hyponet weights from its observed signal, then a render at any coordinates.
 *
 * <p>The four implementations are the low-rank composers predicted by a transformer (the paper's main model),
 * TransINR (baseline), composers adapted by meta-learning (Algorithm 1) and Learned Init (baseline).
 *
 * <p>All methods compute on step-scoped parameter views ({@link ParameterSet#bind}); every result belongs to the
 * bound scope.
 */
public interface GeneralizableInr extends AutoCloseable {

    /** The reference config's model type, e.g. {@code low_rank_modulated_transinr}. */
    String type();

    HyponetConfig hyponet();

    ModulatedMlp mlp();

    /** Every parameter and buffer, in a long-lived manager. */
    ParameterSet parameters();

    /**
     * Per-instance hyponet weights by layer, (B, fan_in, fan_out) or (B, fan_in + 1, fan_out), obtained from the
     * observed signals (a hypernetwork forward pass, or an inner adaptation loop).
     *
     * @param training true inside a training step (dropout, coordinate noise, second-order inner loops)
     */
    Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Observation observed, boolean training);

    /** Renders the hyponet with the given instance weights at coordinates (P, d) or (B, P, d): (B, P, C). */
    default NDArray render(ParameterSet.Bound p, Map<Integer, NDArray> instanceWeights, NDArray coords) {
        return mlp().forward(p, coords, instanceWeights);
    }

    @Override
    default void close() {
        parameters().close();
    }
}
