package dev.ginr.inr.config;

import java.util.Locale;

/**
 * Learning-rate schedule (our key {@code optimizer.schedule}; the reference implies it from {@code optimizer.warmup}:
 * a warm-up when {@code warmup.epoch > 0}, then cosine annealing down to {@code warmup.min_lr}, which is constant
 * when {@code min_lr == init_lr}).
 */
public enum LrSchedule {
    /** lr throughout (the paper's setting). */
    CONSTANT,
    /** Linear warm-up over the warm-up steps, then lr. */
    WARMUP,
    /** Linear warm-up, then cosine annealing from lr to min_lr over the remaining steps. */
    COSINE;

    public static LrSchedule fromYaml(String path, String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (LrSchedule s : values()) {
            if (s.name().equals(n)) {
                return s;
            }
        }
        throw new ConfigException(path, name, "one of constant, warmup, cosine");
    }
}
