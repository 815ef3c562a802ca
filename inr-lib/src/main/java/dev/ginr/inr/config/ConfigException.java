package dev.ginr.inr.config;

/**
 * An invalid setting, reported before any tensor is made. The message names the YAML path (in the reference
 * implementation's schema), the offending value and what is allowed.
 */
public class ConfigException extends IllegalArgumentException {

    private final String path;

    public ConfigException(String path, Object value, String allowed) {
        super(path + " = " + value + " is invalid: " + allowed);
        this.path = path;
    }

    public ConfigException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** The YAML path of the offending setting, e.g. {@code arch.hyponet.fourier_mapping.ff_dim}. */
    public String path() {
        return path;
    }

    static void require(boolean ok, String path, Object value, String allowed) {
        if (!ok) {
            throw new ConfigException(path, value, allowed);
        }
    }
}
