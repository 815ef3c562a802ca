package dev.ginr.inr.config;

import java.util.OptionalInt;

/**
 * An invalid setting, reported before any tensor is made. The message names the YAML path (in the reference
 * implementation's schema), the offending value and what is allowed; when the setting came from a YAML file it also
 * names the line, so a user can jump straight to it.
 */
public class ConfigException extends IllegalArgumentException {

    private final String path;
    private final int line;

    public ConfigException(String path, Object value, String allowed) {
        this(path, path + " = " + value + " is invalid: " + allowed, -1);
    }

    public ConfigException(String path, String message) {
        this(path, path + ": " + message, -1);
    }

    private ConfigException(String path, String fullMessage, int line) {
        super(fullMessage);
        this.path = path;
        this.line = line;
    }

    /**
     * An invalid setting found at a known place of a YAML source.
     *
     * @param line   1-based line number
     * @param source the file name, preset name or other label of the YAML text
     */
    public static ConfigException at(String path, Object value, String allowed, int line, String source) {
        return new ConfigException(path, path + " = " + value + " is invalid: " + allowed + where(line, source), line);
    }

    /** A YAML text that is not well-formed, e.g. an unclosed list; path {@code <yaml>}. */
    static ConfigException syntaxError(String source, int line, int column, String problem) {
        return new ConfigException("<yaml>", source + ": YAML syntax error at line " + line + ", column " + column
                + ": " + problem, line);
    }

    /** A YAML text without a single setting (empty, or only comments); path {@code <yaml>}. */
    static ConfigException noSettings(String source, String hint) {
        return new ConfigException("<yaml>", source + " holds no settings (it is empty or only comments); " + hint, -1);
    }

    /** This exception with the YAML line of its setting appended (unchanged if it already has one). */
    public ConfigException atLine(int line, String source) {
        if (this.line > 0 || line <= 0) {
            return this;
        }
        ConfigException e = new ConfigException(path, getMessage() + where(line, source), line);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The YAML path of the offending setting, e.g. {@code arch.hyponet.fourier_mapping.ff_dim}. */
    public String path() {
        return path;
    }

    /** The 1-based YAML line of the offending setting, when it came from a YAML source. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    static void require(boolean ok, String path, Object value, String allowed) {
        if (!ok) {
            throw new ConfigException(path, value, allowed);
        }
    }

    private static String where(int line, String source) {
        return " (line " + line + (source == null ? "" : " of " + source) + ")";
    }
}
