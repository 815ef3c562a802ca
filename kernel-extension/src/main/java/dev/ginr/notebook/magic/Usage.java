package dev.ginr.notebook.magic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A magic's command line: its usage line, what it does, its options; and the parser that turns the words after the
 * magic's name into {@link MagicArgs}, or a {@link UsageException} naming what is wrong.
 *
 * @param magic          the magic as typed, e.g. {@code %ginr_train}
 * @param positionals    the usage of the positional arguments, e.g. {@code NAME} or {@code RUN...}
 * @param minPositionals fewest positional arguments
 * @param maxPositionals most positional arguments ({@link Integer#MAX_VALUE} for a list)
 * @param description    one paragraph: what the magic does and what it shows
 * @param options        the options, in usage order
 */
public record Usage(String magic, String positionals, int minPositionals, int maxPositionals, String description,
                    List<Option> options) {

    /**
     * One option: {@code --name VALUE}, or a flag {@code --name} when {@code value} is null.
     *
     * @param required whether the option must be given
     */
    public record Option(String name, String value, boolean required, String help) {

        public static Option of(String name, String value, String help) {
            return new Option(name, value, false, help);
        }

        public static Option required(String name, String value, String help) {
            return new Option(name, value, true, help);
        }

        public static Option flag(String name, String help) {
            return new Option(name, null, false, help);
        }

        String synopsis() {
            String s = "--" + name + (value == null ? "" : " " + value);
            return required ? s : "[" + s + "]";
        }
    }

    public Usage {
        options = List.copyOf(options);
    }

    /** "usage: %ginr_train NAME [--data DIR] [--steps N] ... [--help]" */
    public String line() {
        StringBuilder s = new StringBuilder("usage: ").append(magic);
        if (!positionals.isEmpty()) {
            s.append(' ').append(positionals);
        }
        options.forEach(o -> s.append(' ').append(o.synopsis()));
        return s.append(" [--help]").toString();
    }

    /** The usage line, the description and one line per option. */
    public String help() {
        StringBuilder s = new StringBuilder(line()).append("\n\n").append(description).append('\n');
        if (!options.isEmpty()) {
            s.append('\n');
            int w = options.stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
            for (Option o : options) {
                String syn = "--" + o.name() + (o.value() == null ? "" : " " + o.value());
                s.append("  ").append(syn).append(" ".repeat(Math.max(1, w - syn.length() + 2))).append(o.help())
                        .append('\n');
            }
        }
        return s.toString().stripTrailing();
    }

    /** The magic call that {@code args} came from, options in the usage's order, plus {@code --flag} if not set. */
    public String command(MagicArgs args, String flag) {
        StringBuilder s = new StringBuilder(magic);
        args.positionals().forEach(p -> s.append(' ').append(quoted(p)));
        for (Option o : options) {
            if (args.has(o.name()) && !o.name().equals(flag)) {
                s.append(" --").append(o.name());
                if (o.value() != null) {
                    s.append(' ').append(quoted(args.get(o.name(), "")));
                }
            }
        }
        return flag == null ? s.toString() : s.append(" --").append(flag).toString();
    }

    private static String quoted(String word) {
        return word.isEmpty() || word.chars().anyMatch(Character::isWhitespace) ? "\"" + word + "\"" : word;
    }

    /** Parses the magic's words; {@code --help} or {@code -h} anywhere asks for the help text. */
    public MagicArgs parse(List<String> words) throws UsageException {
        if (words.contains("--help") || words.contains("-h")) {
            throw new UsageException.HelpRequested();
        }
        List<String> pos = new ArrayList<>();
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--")) {
                pos.add(w);
                continue;
            }
            String name = w.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option o = option(name);
            if (o.value() == null) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value " + o.value());
                }
                value = words.get(++i);
            }
            if (opts.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        if (pos.size() < minPositionals) {
            throw new UsageException(positionals.isEmpty() ? "missing arguments" : "missing " + positionals);
        }
        if (pos.size() > maxPositionals) {
            throw new UsageException("unexpected argument '" + pos.get(maxPositionals) + "'");
        }
        for (Option o : options) {
            if (o.required() && !opts.containsKey(o.name())) {
                throw new UsageException("missing --" + o.name() + " " + o.value());
            }
        }
        return new MagicArgs(pos, opts);
    }

    private Option option(String name) throws UsageException {
        for (Option o : options) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        throw new UsageException("unknown option --" + name);
    }
}
