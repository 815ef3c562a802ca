package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Learned Init baseline (PAPER.md §4; the reference's {@code meta_low_rank_modulated_inr} without
 * factorisation): no composers; the full weight of every adapted layer, weight and bias rows
 * (fan_in + 1, fan_out), is each instance's own, starting from a learned initialisation phi and taking a few SGD
 * steps on its reconstruction loss. The shared part is phi, plus the weights of layers that are not adapted.
 *
 * <p>phi starts like a kaiming-scaled layer, weight rows N(0, 1) / sqrt(fan_in) and a zero bias row, as in the
 * reference. The reference adapts the weight rows only and keeps the bias shared; here the bias row is adapted too.
 * s(W) is the squared Frobenius norm of the weight rows, the part {@code normalize_weight} makes scale-free.
 */
public final class LearnedInitBaseline implements MetaLearner, InnerLoop.Parametrisation {

    private final HyponetConfig hyponet;
    private final Set<Integer> layers;
    private final ModulatedMlp mlp;
    private final ParameterSet params;
    private final InnerLoop innerLoop;

    /** Adapts every layer of the hyponet. */
    public LearnedInitBaseline(NDManager parent, HyponetConfig hyponet, MetaSettings meta, DataType dataType) {
        this(parent, hyponet, hyponet.layers(), meta, dataType);
    }

    /**
     * Adapts the given layers ({@code arch.modulated_layer_idxs}); validated before any tensor is made. The
     * parameters are drawn from the engine's current random state (seed it with {@code GinrEngine.seed} first).
     */
    public LearnedInitBaseline(NDManager parent, HyponetConfig hyponet, List<Integer> adaptedLayers,
                               MetaSettings meta, DataType dataType) {
        checkLayers(hyponet, adaptedLayers);
        this.hyponet = hyponet;
        this.layers = new TreeSet<>(adaptedLayers);
        this.mlp = new ModulatedMlp(hyponet, layers);
        this.innerLoop = new InnerLoop(this, mlp, meta);
        this.params = new ParameterSet(parent, dataType);
        mlp.register(params);
        NDManager m = params.manager();
        for (int i : layers) {
            params.setTrainable(ModulatedMlp.biasName(i), false); // unused: the adapted weight carries its bias row
            int fanIn = hyponet.fanIn(i);
            NDArray weight = m.randomNormal(0f, (float) (1 / Math.sqrt(fanIn)), new Shape(fanIn, hyponet.fanOut(i)),
                    dataType); // (fan_in, fan_out)
            NDArray bias = m.zeros(new Shape(1, hyponet.fanOut(i)), dataType); // (1, fan_out)
            params.add(initName(i), weight.concat(bias, 0), true); // (fan_in + 1, fan_out)
        }
    }

    private static void checkLayers(HyponetConfig hyponet, List<Integer> adaptedLayers) {
        if (adaptedLayers.isEmpty() || adaptedLayers.stream().anyMatch(i -> i < 0 || i >= hyponet.nLayer())
                || Set.copyOf(adaptedLayers).size() != adaptedLayers.size()) {
            throw new ConfigException(ComposerConfig.LAYERS_PATH, adaptedLayers, "distinct layer indices in 0.."
                    + (hyponet.nLayer() - 1) + " (the layers whose full weight Learned Init adapts)");
        }
    }

    /** Name of the learned initialisation phi of the full weight (fan_in + 1, fan_out) of {@code layer}. */
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

    /** W(n) <- phi: (fan_in + 1, fan_out) -> (B, fan_in + 1, fan_out). */
    @Override
    public Map<Integer, NDArray> initialState(ParameterSet.Bound p, long batchSize) {
        Map<Integer, NDArray> w = new LinkedHashMap<>();
        for (int i : layers) {
            w.put(i, InnerLoop.repeatOverBatch(p.get(initName(i)), batchSize)); // (B, fan_in + 1, fan_out)
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

    /** s(W) uses the weight rows (B, fan_in, fan_out), not the bias row. */
    @Override
    public NDArray scaleReference(int layer, NDArray state) {
        return state.get(new NDIndex(":, :-1, :"));
    }
}
