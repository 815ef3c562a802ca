package dev.ginr.inr.config;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The outer optimiser (reference path {@code optimizer}): Adam or AdamW with a learning-rate schedule and optional
 * gradient-norm clipping. The paper: Adam, lr 1e-4, betas (0.9, 0.999), no weight decay, constant lr, no clipping.
 *
 * @param kind        {@code optimizer.type}
 * @param lr          {@code optimizer.init_lr}
 * @param beta1       {@code optimizer.betas[0]}
 * @param beta2       {@code optimizer.betas[1]}
 * @param weightDecay {@code optimizer.weight_decay} (L2 for Adam, decoupled for AdamW)
 * @param schedule    the lr schedule
 * @param warmup      the warm-up (must be off for {@link LrSchedule#CONSTANT}, on for {@link LrSchedule#WARMUP})
 * @param minLr       final lr of the cosine schedule ({@code optimizer.warmup.min_lr})
 * @param maxGn       clip the global gradient L2 norm to this value ({@code optimizer.max_gn}); null = no clipping
 */
public record OptimizerConfig(Kind kind, double lr, double beta1, double beta2, double weightDecay,
                              LrSchedule schedule, WarmupConfig warmup, double minLr, Double maxGn) {

    public static final String PATH = "optimizer";

    /** The optimisers of the reference code, by their {@code optimizer.type} names. */
    public enum Kind {
        ADAM, ADAMW;

        public static Kind fromYaml(String path, String name) {
            String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.name().equals(n)) {
                    return k;
                }
            }
            throw new ConfigException(path, name, "one of adam, adamW");
        }
    }

    public OptimizerConfig {
        ConfigException.require(kind != null, PATH + ".type", null, "one of adam, adamW");
        ConfigException.require(lr > 0 && Double.isFinite(lr), PATH + ".init_lr", lr, "a positive learning rate");
        ConfigException.require(beta1 >= 0 && beta1 < 1, PATH + ".betas", beta1, "beta1 in [0, 1)");
        ConfigException.require(beta2 >= 0 && beta2 < 1, PATH + ".betas", beta2, "beta2 in [0, 1)");
        ConfigException.require(weightDecay >= 0 && Double.isFinite(weightDecay), PATH + ".weight_decay",
                weightDecay, "a non-negative number");
        ConfigException.require(kind == Kind.ADAM || weightDecay == 0, PATH + ".weight_decay", weightDecay,
                "0 with type adamW (its decoupled weight decay is not implemented; type adam adds weight_decay "
                        + "to the gradient as L2, as PyTorch's Adam does)");
        ConfigException.require(schedule != null, PATH + ".schedule", null, "one of constant, warmup, cosine");
        ConfigException.require(warmup != null, WarmupConfig.PATH, null, "a warm-up (steps 0 for none)");
        ConfigException.require(schedule != LrSchedule.CONSTANT || !warmup.isEnabled(), PATH + ".schedule",
                "constant", "warmup or cosine when " + WarmupConfig.PATH + " is non-zero");
        ConfigException.require(schedule != LrSchedule.WARMUP || warmup.isEnabled(), WarmupConfig.PATH + ".steps", 0,
                "a positive warm-up length for schedule warmup");
        ConfigException.require(minLr >= 0 && minLr <= lr, WarmupConfig.PATH + ".min_lr", minLr,
                "a learning rate in [0, init_lr = " + lr + "]");
        ConfigException.require(maxGn == null || (maxGn > 0 && Double.isFinite(maxGn)), PATH + ".max_gn", maxGn,
                "a positive gradient norm, or null for no clipping");
    }

    /** Adam with a constant learning rate and no clipping, as in the paper. */
    public static OptimizerConfig adam(double lr) {
        return new OptimizerConfig(Kind.ADAM, lr, 0.9, 0.999, 0, LrSchedule.CONSTANT, WarmupConfig.NONE, lr, null);
    }

    /** The gradient-norm clipping threshold, if any. */
    public OptionalDouble gradientClipping() {
        return maxGn == null ? OptionalDouble.empty() : OptionalDouble.of(maxGn);
    }
}
