package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.MetaConfig;
import dev.ginr.inr.nn.InstancePatternComposers;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instance pattern composers obtained by meta-learning (PAPER.md §4, Algorithm 1; the reference's
 * {@code meta_low_rank_modulated_inr} with factorisation): each modulated layer's weight is W(n) = V(n) U, where V(n)
 * (fan_in, r) starts from a learned initialisation phi (init N(0, 1)) and takes a few SGD steps on instance n's
 * reconstruction loss; U, phi and every other hyponet weight form the shared part trained in the outer loop.
 *
 * <p>Parameters: the hyponet's ({@link ModulatedMlp#register}), U per modulated layer
 * ({@link InstancePatternComposers#sharedFactorName}) and phi per modulated layer ({@link #initName}).
 */
public final class MetaLearnedComposers implements MetaLearner, InnerLoop.Parametrisation {

    private final HyponetConfig hyponet;
    private final InstancePatternComposers composers;
    private final ModulatedMlp mlp;
    private final ParameterSet params;
    private final InnerLoop innerLoop;

    /**
     * Validates every setting (ranks, layer indices, inner loop) before any tensor is made, then creates the
     * parameters with the engine's current random state (seed it with {@code GinrEngine.seed} first).
     */
    public MetaLearnedComposers(NDManager parent, HyponetConfig hyponet, ComposerConfig composerConfig,
                                MetaConfig meta, DataType dataType) {
        this.hyponet = hyponet;
        this.composers = new InstancePatternComposers(hyponet, composerConfig);
        this.mlp = new ModulatedMlp(hyponet, composers.layers());
        this.innerLoop = new InnerLoop(this, mlp, meta);
        this.params = new ParameterSet(parent, dataType);
        mlp.register(params);
        composers.register(params);
        for (int layer : composers.layers()) {
            NDArray phi = params.manager().randomNormal(0f, 1f, composers.composerShape(layer), dataType); // (fan_in, r)
            params.add(initName(layer), phi, true);
        }
    }

    /** Name of the learned initialisation phi of the composers of {@code layer}. */
    public static String initName(int layer) {
        return "meta.phi" + layer;
    }

    public InstancePatternComposers composers() {
        return composers;
    }

    @Override
    public String type() {
        return "meta_low_rank_modulated_inr";
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

    /** V(n) <- phi for every instance: (fan_in, r) -> (B, fan_in, r). */
    @Override
    public Map<Integer, NDArray> initialState(ParameterSet.Bound p, long batchSize) {
        Map<Integer, NDArray> v = new LinkedHashMap<>();
        for (int layer : composers.layers()) {
            v.put(layer, InnerLoop.repeatOverBatch(p.get(initName(layer)), batchSize)); // (B, fan_in, r)
        }
        return v;
    }

    /** W(n) = V(n) U. */
    @Override
    public Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Map<Integer, NDArray> state) {
        return composers.instanceWeights(p, state);
    }

    /** dL/dV = dL/dW U^T: (B, fan_in, fan_out) x (fan_out, r) -> (B, fan_in, r). */
    @Override
    public Map<Integer, NDArray> stateGradients(ParameterSet.Bound p, Map<Integer, NDArray> state,
                                                Map<Integer, NDArray> weightGradients) {
        Map<Integer, NDArray> g = new LinkedHashMap<>();
        weightGradients.forEach((layer, gw) ->
                g.put(layer, gw.matMul(p.get(InstancePatternComposers.sharedFactorName(layer)).transpose())));
        return g;
    }
}
