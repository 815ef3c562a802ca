package dev.ginr.notebook.magic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The parsed words of one magic call: positional arguments and options by name. */
public record MagicArgs(List<String> positionals, Map<String, String> options) {

    public MagicArgs {
        positionals = List.copyOf(positionals);
        options = Map.copyOf(options);
    }

    public String positional(int i) {
        return positionals.get(i);
    }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    public String get(String option, String fallback) {
        return options.getOrDefault(option, fallback);
    }

    public Path path(String option, Path fallback) {
        return has(option) ? Path.of(options.get(option)) : fallback;
    }

    /** The option as a whole number of at least {@code min}, or {@code fallback} when absent. */
    public int integer(String option, int fallback, int min) throws UsageException {
        if (!has(option)) {
            return fallback;
        }
        String v = options.get(option);
        try {
            int n = Integer.parseInt(v.strip().replace("_", ""));
            if (n < min) {
                throw new UsageException("--" + option + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " expects a whole number, got '" + v + "'");
        }
    }

    /** The option as a number of at least {@code min}, or {@code fallback} when absent. */
    public double number(String option, double fallback, double min) throws UsageException {
        if (!has(option)) {
            return fallback;
        }
        String v = options.get(option);
        try {
            double n = Double.parseDouble(v.strip());
            if (!(n >= min) || !Double.isFinite(n)) {
                throw new UsageException("--" + option + " must be a number >= " + min + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " expects a number, got '" + v + "'");
        }
    }
}
