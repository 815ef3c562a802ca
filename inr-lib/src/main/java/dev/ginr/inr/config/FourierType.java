package dev.ginr.inr.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Fourier feature mappings of the hyponet (PAPER.md §2), named as in the reference configs. */
public enum FourierType {
    /** TransINR's deterministic log-spaced frequencies in [1, ff_sigma], per input axis, with a factor pi. */
    DETERMINISTIC_TRANSINR("deterministic_transinr"),
    /** Random Gaussian frequencies B ~ N(0, ff_sigma^2) of shape (input_dim, ff_dim), with a factor pi. */
    GAUSSIAN("gaussian"),
    /** NeRF's powers of two, 2^linspace(0, ff_sigma, K) per axis, without the factor pi. */
    NERF("deterministic_transinr_nerf"),
    /** No Fourier features: the MLP reads raw coordinates. */
    NONE("none");

    private final String yamlName;

    FourierType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Parses a reference-config name; the error lists the allowed names. */
    public static FourierType fromYaml(String path, String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (FourierType t : values()) {
            if (t.yamlName.equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n)) {
                return t;
            }
        }
        if (n.equals("nerf")) {
            return NERF;
        }
        throw new ConfigException(path, name, "one of " + allowed());
    }

    static String allowed() {
        return Arrays.stream(values()).map(FourierType::yamlName).collect(Collectors.joining(", "));
    }
}
