package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.notebook.display.DisplaySink;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * The common shell of the ginr magics: parse the words against the magic's {@link Usage}; on {@code --help} print
 * and return the help; on bad words print and return the error with the usage line (never a stack trace); on a
 * failure the user can fix (a missing folder, an invalid config, an unknown run) fail the cell with one clear
 * {@link MagicFailure}. Whatever a magic shows goes through the kernel's display stream, since a magic alone on a
 * line has its return value dropped; the value is returned as well, for {@code var x = %ginr_...}. A word
 * {@code ${NAME:-DEFAULT}} is the environment variable NAME, else DEFAULT ({@link BudgetVariables}): a notebook's
 * budget that a test runs smaller.
 */
public abstract class GinrMagic implements LineMagic<Object, BaseKernel>, CellMagic<Object, BaseKernel> {

    protected final GinrSession session;
    private final Usage usage;

    protected GinrMagic(GinrSession session, Usage usage) {
        this.session = session;
        this.usage = usage;
    }

    public Usage usage() {
        return usage;
    }

    /**
     * The signals a magic shows for run {@code r}: the held-out part of its data ({@code --data DIR} or the run's
     * own), or the training part with {@code --train} or when nothing is held out.
     */
    protected final SignalFolder shownSignals(SessionRun r, MagicArgs args) {
        SignalFolder.Split split = r.signals(args.path("data", null), 0, session.defaultData(r.run().spec()));
        return args.has("train") || split.test().files().isEmpty() ? split.train() : split.test();
    }

    /** Does the magic's work with the parsed words; {@code body} is the cell body of a cell magic, else null. */
    protected abstract Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException;

    @Override
    public final Object eval(BaseKernel kernel, List<String> words) {
        return call(DisplaySink.of(kernel), words, null);
    }

    @Override
    public final Object eval(BaseKernel kernel, List<String> words, String body) {
        return call(DisplaySink.of(kernel), words, body);
    }

    /** Runs the magic against {@code sink}: the entry point of both magic kinds, and of tests. */
    public final Object call(DisplaySink sink, List<String> words, String body) {
        MagicArgs args;
        try {
            args = usage.parse(words.stream().map(BudgetVariables::expand).toList());
        } catch (UsageException.HelpRequested h) {
            System.out.println(usage.help());
            return usage.help();
        } catch (UsageException | IllegalArgumentException e) {
            return usageError(e);
        }
        try {
            return run(args, body, sink);
        } catch (UsageException e) {
            return usageError(e);
        } catch (ConfigException e) {
            throw new MagicFailure(usage.magic() + ": " + e.getMessage());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MagicFailure(usage.magic() + ": " + e.getMessage());
        }
    }

    private String usageError(Exception e) {
        String text = usage.magic() + ": " + e.getMessage() + "\n" + usage.line();
        System.err.println(text);
        return text;
    }
}
