package dev.ginr.inr.config;

import java.util.Locale;

/**
 * Initialisation of the hyponet weights (reference path {@code arch.hyponet.initialization.weight_init_type}).
 * Biases are always initialised to zero.
 */
public enum WeightInit {
    /** PyTorch's Linear default: kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    KAIMING_UNIFORM,
    /** SIREN: U(-1/fan_in, 1/fan_in) for the first layer, U(-sqrt(6/fan_in)/w0, sqrt(6/fan_in)/w0) after it. */
    SIREN,
    /** All zeros. */
    ZERO;

    public static WeightInit fromYaml(String path, String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (WeightInit w : values()) {
            if (w.name().equals(n)) {
                return w;
            }
        }
        throw new ConfigException(path, name, "one of kaiming_uniform, siren, zero");
    }
}
