package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.MetaConfig;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Learned Init baseline (PAPER.md §4; the reference's {@code meta_low_rank_modulated_inr} without
 * factorisation): no composers; the full weight rows (fan_in, fan_out) of every adapted layer are each instance's own,
 * starting from a learned initialisation phi and taking a few SGD steps on its reconstruction loss. The shared part is
 * phi, the biases of the adapted layers and the weights of layers that are not adapted.
 *
 * <p>As in the reference: phi starts N(0, 1) / sqrt(fan_in); the adapted layers are those of
 * {@code arch.modulated_layer_idxs} in a Learned Init config (every layer by default); each adapted layer keeps its
 * bias shared (trained in the outer loop only); s(W) is the squared Frobenius norm of the adapted weight. With
 * {@code arch.adapt_bias: true} (our earlier variant) the bias row is adapted per instance too, phi then being
 * (fan_in + 1, fan_out) with a zero bias row, and s(W) still taken over the weight rows only.
 */
public final class LearnedInitBaseline implements MetaLearner, InnerLoop.Parametrisation {

    private final HyponetConfig hyponet;
    private final Set<Integer> layers;
    private final boolean adaptBias;
    private final ModulatedMlp mlp;
    private final ParameterSet params;
    private final InnerLoop innerLoop;

    /**
     * Adapts the layers {@code meta} names ({@link MetaConfig#learnedInitLayers}), validated before any tensor is
     * made. The parameters are drawn from the engine's current random state (seed it with {@code GinrEngine.seed}
     * first).
     */
    public LearnedInitBaseline(NDManager parent, HyponetConfig hyponet, MetaConfig meta, DataType dataType) {
        this.hyponet = hyponet;
        this.layers = new TreeSet<>(meta.learnedInitLayers(hyponet));
        this.adaptBias = meta.adaptBias();
        this.mlp = new ModulatedMlp(hyponet, layers);
        this.innerLoop = new InnerLoop(this, mlp, meta);
        this.params = new ParameterSet(parent, dataType);
        mlp.register(params);
        NDManager m = params.manager();
        for (int i : layers) {
            int fanIn = hyponet.fanIn(i);
            NDArray phi = m.randomNormal(0f, (float) (1 / Math.sqrt(fanIn)), new Shape(fanIn, hyponet.fanOut(i)),
                    dataType); // (fan_in, fan_out)
            if (adaptBias) {
                params.setTrainable(ModulatedMlp.biasName(i), false); // unused: the adapted weight carries its bias
                phi = phi.concat(m.zeros(new Shape(1, hyponet.fanOut(i)), dataType), 0); // (fan_in + 1, fan_out)
            }
            params.add(initName(i), phi, true);
        }
    }

    /** Name of the learned initialisation phi of the adapted weight of {@code layer}: (fan_in [+ 1], fan_out). */
    public static String initName(int layer) {
        return "meta.init" + layer;
    }

    public Set<Integer> adaptedLayers() {
        return java.util.Collections.unmodifiableSet(layers);
    }

    @Override
    public String type() {
        return "learned_init";
    }

    @Override
    public HyponetConfig hyponet() {
        return hyponet;
    }

    @Override
    public ModulatedMlp mlp() {
        return mlp;
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    @Override
    public InnerLoop innerLoop() {
        return innerLoop;
    }

    /** W(n) <- phi: (fan_in [+ 1], fan_out) -> (B, fan_in [+ 1], fan_out). */
    @Override
    public Map<Integer, NDArray> initialState(ParameterSet.Bound p, long batchSize) {
        Map<Integer, NDArray> w = new LinkedHashMap<>();
        for (int i : layers) {
            w.put(i, InnerLoop.repeatOverBatch(p.get(initName(i)), batchSize)); // (B, fan_in [+ 1], fan_out)
        }
        return w;
    }

    /** The adapted tensors are the weights themselves. */
    @Override
    public Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Map<Integer, NDArray> state) {
        return state;
    }

    @Override
    public Map<Integer, NDArray> stateGradients(ParameterSet.Bound p, Map<Integer, NDArray> state,
                                                Map<Integer, NDArray> weightGradients) {
        return weightGradients;
    }

    /** s(W) uses the weight rows (B, fan_in, fan_out), not an adapted bias row. */
    @Override
    public NDArray scaleReference(int layer, NDArray state) {
        return adaptBias ? state.get(new NDIndex(":, :-1, :")) : state;
    }
}
