package dev.ginr.inr.config;

/**
 * Linear learning-rate warm-up (reference path {@code optimizer.warmup}). The reference counts it in epochs
 * ({@code warmup.epoch}); our presets count it in optimiser steps ({@code warmup.steps}). At most one may be
 * non-zero. During warm-up the lr rises linearly to multiplier * lr, from 0 when {@code startFromZero}, else from lr.
 *
 * @param steps         warm-up length in optimiser steps
 * @param epochs        warm-up length in epochs (converted with the loader's steps per epoch)
 * @param multiplier    peak lr relative to lr (reference: 1, mode fix; at least 1)
 * @param startFromZero start the warm-up at lr 0 rather than at lr
 */
public record WarmupConfig(int steps, double epochs, double multiplier, boolean startFromZero) {

    public static final String PATH = "optimizer.warmup";
    public static final WarmupConfig NONE = new WarmupConfig(0, 0, 1, true);

    public WarmupConfig {
        ConfigException.require(steps >= 0, PATH + ".steps", steps, "a non-negative number of steps");
        ConfigException.require(epochs >= 0 && Double.isFinite(epochs), PATH + ".epoch", epochs,
                "a non-negative number of epochs");
        ConfigException.require(steps == 0 || epochs == 0, PATH + ".steps", steps,
                "0 when " + PATH + ".epoch is set (" + epochs + "); give the warm-up in steps or in epochs");
        ConfigException.require(multiplier >= 1 && Double.isFinite(multiplier), PATH + ".multiplier", multiplier,
                "a finite number >= 1");
        if (steps == 0 && epochs == 0) { // without warm-up these have no effect: one canonical form
            multiplier = 1;
            startFromZero = true;
        }
    }

    /** Whether there is any warm-up. */
    public boolean isEnabled() {
        return steps > 0 || epochs > 0;
    }

    /** Warm-up length in optimiser steps, given the steps per epoch (ignored when the length is in steps). */
    public int stepsGiven(int stepsPerEpoch) {
        return steps > 0 ? steps : (int) Math.round(epochs * stepsPerEpoch);
    }
}
