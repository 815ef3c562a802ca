package dev.ginr.inr.config;

import java.util.List;
import java.util.Set;

/**
 * The inner loop of meta-learning (Algorithm 1; reference paths {@code arch.n_inner_step}, {@code arch.inner_lr},
 * {@code arch.use_factorization}, and for Learned Init {@code arch.modulated_layer_idxs}): starting from the learned
 * init phi, each instance takes {@code nInnerStep} steps V <- V - inner_lr * s(V) * grad_V L_n, with
 * s(V) = ||V||_F^2 under {@code normalize_weight}, else 1.
 *
 * <p>One rule for the number of inner steps, wherever it is read: at least 1. (Meta-learning is defined by its
 * inner steps, and the reference trainer itself fails with 0: it collates an empty inner-loop history.)
 *
 * @param nInnerStep        inner SGD steps per batch (reference: 2)
 * @param innerLr           the inner step size epsilon (0.003 in the image configs)
 * @param firstOrder        drop the second-order terms of the outer gradient (our option; reference: false)
 * @param useFactorization  adapt the low-rank composers V of the modulated layers (ours); false adapts full layer
 *                          weights (the Learned Init baseline)
 * @param learnedInitLayers the layers whose full weight Learned Init adapts ({@code arch.modulated_layer_idxs} of a
 *                          Learned Init config), or null for every layer (the reference's default and the paper's
 *                          baseline)
 * @param adaptBias         Learned Init only: adapt each adapted layer's bias row per instance too (our earlier
 *                          variant, key {@code arch.adapt_bias}); the reference keeps the biases shared (false)
 */
public record MetaConfig(int nInnerStep, double innerLr, boolean firstOrder, boolean useFactorization,
                         List<Integer> learnedInitLayers, boolean adaptBias) {

    public static final String STEPS_PATH = "arch.n_inner_step";
    public static final String LR_PATH = "arch.inner_lr";
    public static final String ADAPT_BIAS_PATH = "arch.adapt_bias";

    public MetaConfig {
        ConfigException.require(nInnerStep >= 1, STEPS_PATH, nInnerStep, "at least 1 inner step ("
                + ModelType.META_LOW_RANK.yamlName() + " and " + ModelType.LEARNED_INIT.yamlName()
                + " adapt each instance by inner steps; 2 in the reference configs)");
        ConfigException.require(innerLr > 0 && Double.isFinite(innerLr), LR_PATH, innerLr,
                "a positive finite step size (0.003 in the reference image configs)");
        learnedInitLayers = learnedInitLayers == null ? null : List.copyOf(learnedInitLayers);
        if (learnedInitLayers != null) {
            ConfigException.require(!learnedInitLayers.isEmpty()
                            && Set.copyOf(learnedInitLayers).size() == learnedInitLayers.size(),
                    ComposerConfig.LAYERS_PATH, learnedInitLayers, "distinct layer indices, or null for every layer");
        }
    }

    /** Ours: second-order inner loop over the composers. */
    public static MetaConfig of(int nInnerStep, double innerLr) {
        return new MetaConfig(nInnerStep, innerLr, false, true, null, false);
    }

    /** The reference image setting: 2 second-order inner steps of size 0.003. */
    public static MetaConfig reference() {
        return of(2, 0.003);
    }

    public MetaConfig withUseFactorization(boolean on) {
        return new MetaConfig(nInnerStep, innerLr, firstOrder, on, learnedInitLayers, adaptBias);
    }

    public MetaConfig withFirstOrder(boolean on) {
        return new MetaConfig(nInnerStep, innerLr, on, useFactorization, learnedInitLayers, adaptBias);
    }

    /** Learned Init on the given layers (null = every layer), its biases adapted too when {@code bias}. */
    public MetaConfig withLearnedInit(List<Integer> layers, boolean bias) {
        return new MetaConfig(nInnerStep, innerLr, firstOrder, false, layers, bias);
    }

    /** The layers Learned Init adapts in {@code hyponet}, checked against its depth. */
    public List<Integer> learnedInitLayers(HyponetConfig hyponet) {
        if (learnedInitLayers == null) {
            return hyponet.layers();
        }
        List<Integer> bad = learnedInitLayers.stream().filter(i -> i < 0 || i >= hyponet.nLayer()).toList();
        ConfigException.require(bad.isEmpty(), ComposerConfig.LAYERS_PATH, learnedInitLayers, "layer indices in 0.."
                + (hyponet.nLayer() - 1) + " (the layers whose full weight Learned Init adapts); out of range: " + bad);
        return learnedInitLayers.stream().sorted().toList();
    }
}
