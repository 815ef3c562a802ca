package dev.ginr.inr.config;

import java.util.Locale;

/** Hidden-layer activation of the hyponet (reference path {@code arch.hyponet.activation.type}). */
public enum Activation {
    RELU, SIREN, SILU;

    public static Activation fromYaml(String path, String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        throw new ConfigException(path, name, "one of relu, siren, silu");
    }
}
