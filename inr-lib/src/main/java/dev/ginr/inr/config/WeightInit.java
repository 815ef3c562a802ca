package dev.ginr.inr.config;

import java.util.Locale;

/**
 * Initialisation of the hyponet weights (reference path {@code arch.hyponet.initialization.weight_init_type}).
 * Biases are always initialised to zero.
 */
public enum WeightInit {
    /**
     * The reference's default: PyTorch's {@code kaiming_uniform_(a = sqrt 5)} applied to the stored (fan_in, fan_out)
     * weight, whose fan PyTorch reads from dimension 1: U(-1/sqrt(fan_out), 1/sqrt(fan_out)).
     */
    KAIMING_UNIFORM,
    /** U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (reference {@code uniform_fan_in}; our default before parity). */
    UNIFORM_FAN_IN,
    /** N(0, 1) (reference {@code normal}). */
    NORMAL,
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
        throw new ConfigException(path, name, "one of kaiming_uniform, uniform_fan_in, normal, siren, zero");
    }
}
