package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ConfigException;
import dev.ginr.notebook.display.DisplaySink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;

/**
 * {@code %%ginr_config NAME [--preset P]}: the cell body is an experiment config in the reference implementation's
 * YAML schema (alone, or overriding preset P); it is validated at once and stored under NAME for
 * {@code %ginr_train} and {@code %ginr_ablation}. An invalid config is not stored, and the error names the YAML path
 * and its line in the cell body. {@code ${NAME:-DEFAULT}} in the body is the environment variable NAME, or DEFAULT
 * when it is not set ({@link BudgetVariables}).
 */
public final class ConfigMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%%ginr_config", "NAME", 1, 1,
            "Reads the cell body as an experiment config (reference YAML schema), validates it and stores it as "
                    + "NAME. With --preset, the body overrides that preset key by key (image-32-small, "
                    + "meta-32-small, image-178-paper, meta-178-paper). ${NAME:-DEFAULT} in the body is the environment "
                    + "variable NAME, or DEFAULT when it is not set (a notebook's budget, e.g. "
                    + "steps: ${GINR_QUICKSTART_STEPS:-600}).",
            List.of(Usage.Option.of("preset", "P", "a shipped preset the body overrides")));

    public ConfigMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        if (body == null) {
            throw new UsageException("is a cell magic: write %%ginr_config NAME on the first line and the YAML below");
        }
        String name = args.positional(0);
        NamedConfig c;
        try {
            c = NamedConfig.read(name, BudgetVariables.expand(body), args.get("preset", null));
        } catch (ConfigException e) {
            throw new MagicFailure(USAGE.magic() + " " + name + ": " + e.getMessage() + "\n  YAML path: " + e.path()
                    + (inBody(e, name) ? "; line " + e.line().getAsInt() + " of the config body (cell line "
                    + (e.line().getAsInt() + 1) + ")" : ""));
        }
        session.putConfig(c);
        sink.display(new DisplayData(c.summary()));
        return c;
    }

    /** Whether the error's line is a line of the cell body (not of the preset underneath). */
    private static boolean inBody(ConfigException e, String name) {
        return e.line().isPresent() && (e.getMessage().contains("line " + e.line().getAsInt() + " of " + name + ")")
                || e.getMessage().contains(name + ": YAML syntax error"));
    }
}
