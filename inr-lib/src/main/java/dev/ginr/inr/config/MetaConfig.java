package dev.ginr.inr.config;

/**
 * The inner loop of meta-learning (Algorithm 1; reference paths {@code arch.n_inner_step}, {@code arch.inner_lr},
 * {@code arch.use_factorization}): starting from the learned init phi, each instance takes
 * {@code nInnerStep} steps V <- V - inner_lr * s(V) * grad_V L_n.
 *
 * @param nInnerStep       inner SGD steps per batch (reference: 2); 0 only evaluates the learned init
 * @param innerLr          the inner step size epsilon (0.003 in the image configs)
 * @param firstOrder       drop the second-order terms of the outer gradient (our option; reference: false)
 * @param useFactorization adapt the low-rank composers V of the modulated layers (ours); false adapts every layer's
 *                         full weight (the Learned Init baseline)
 */
public record MetaConfig(int nInnerStep, double innerLr, boolean firstOrder, boolean useFactorization) {

    public static final String STEPS_PATH = "arch.n_inner_step";
    public static final String LR_PATH = "arch.inner_lr";

    public MetaConfig {
        ConfigException.require(nInnerStep >= 0, STEPS_PATH, nInnerStep, "a non-negative number of inner steps");
        ConfigException.require(innerLr >= 0 && Double.isFinite(innerLr), LR_PATH, innerLr,
                "a non-negative finite step size (0.003 in the paper's image configs)");
    }

    /** Ours: second-order inner loop over the composers. */
    public static MetaConfig of(int nInnerStep, double innerLr) {
        return new MetaConfig(nInnerStep, innerLr, false, true);
    }

    public MetaConfig withUseFactorization(boolean on) {
        return new MetaConfig(nInnerStep, innerLr, firstOrder, on);
    }
}
