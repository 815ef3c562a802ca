package dev.ginr.inr.model;

import dev.ginr.inr.config.ConfigException;

/**
 * Settings of the inner loop of meta-learning (PAPER.md §4, reference paths {@code arch.n_inner_step} and
 * {@code arch.inner_lr}).
 *
 * @param nInnerStep number of inner SGD steps N_inner (reference: 2 for images)
 * @param innerLr    inner step size eps; a step is V - eps s(V) dL/dV with s(V) = ||V||_F^2 under
 *                   {@code normalize_weight}, else 1 (reference: 0.003 for images)
 * @param firstOrder detach the inner gradient, so the outer gradient ignores the derivative of the inner gradient
 *                   (the reference differentiates it: second order)
 */
public record MetaSettings(int nInnerStep, double innerLr, boolean firstOrder) {

    public static final String N_INNER_STEP_PATH = "arch.n_inner_step";
    public static final String INNER_LR_PATH = "arch.inner_lr";

    public MetaSettings {
        if (nInnerStep < 1) {
            throw new ConfigException(N_INNER_STEP_PATH, nInnerStep,
                    "at least 1 (meta-learning adapts each instance by inner steps; 2 in the reference configs)");
        }
        if (!(innerLr > 0) || !Double.isFinite(innerLr)) {
            throw new ConfigException(INNER_LR_PATH, innerLr,
                    "a positive finite step size (0.003 in the reference image configs)");
        }
    }

    /** The reference image setting: 2 second-order inner steps of size 0.003. */
    public static MetaSettings reference() {
        return new MetaSettings(2, 0.003, false);
    }

    public MetaSettings withFirstOrder(boolean on) {
        return new MetaSettings(nInnerStep, innerLr, on);
    }
}
