package dev.ginr.notebook.kernel;

import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The ginr-java notebook kernel: Java cells run in a JShell inside the kernel's own JVM, on jjava-jupyter's
 * {@link BaseKernel} (messaging, renderer, magics, extensions).
 *
 * <p>Running the snippets in the same JVM keeps DJL and its native library loaded once, by the host class loader
 * (JShell's loader delegates parent-first), and lets the renderer see the values themselves: an expression's value
 * goes through {@link #getRenderer()}, so a {@code BufferedImage} arrives as image/png. The deep-learning engine is
 * not touched at start-up; it starts on the first cell that uses it.
 */
public final class GinrKernel extends BaseKernel {

    private final JShell shell;
    private final CellExecutionControl control;
    private final CellEvaluator evaluator;
    private final CodeAssist assist;
    private final CellErrorFormatter errors;
    private final StartupImports imports = new StartupImports();

    GinrKernel(String name, String version, LanguageInfo languageInfo, List<HelpLink> helpLinks, JupyterIO io,
               CommManager commManager, Renderer renderer, MagicParser magicParser, MagicsRegistry magicsRegistry,
               boolean extensionsEnabled, StringStyler errorStyler, JShell shell, CellExecutionControl control) {
        super(name, version, languageInfo, helpLinks, null, io, commManager, renderer, magicParser, magicsRegistry,
                extensionsEnabled, errorStyler);
        this.shell = shell;
        this.control = control;
        this.evaluator = new CellEvaluator(shell, control);
        this.assist = new CodeAssist(shell);
        this.errors = new CellErrorFormatter(errorStyler);
    }

    /** A builder with the defaults of the {@code ginr} kernelspec. */
    public static GinrKernelBuilder builder() {
        return new GinrKernelBuilder();
    }

    /**
     * Starts making the default imports in the background; cells, completion and inspection wait for them. The
     * kernel answers kernel_info meanwhile, so it is ready for Jupyter within the start-up budget.
     */
    void startDefaultImports() {
        imports.start(shell);
    }

    /** Makes the default imports now, on this thread. */
    void importDefaultsNow() {
        imports.runNow(shell);
    }

    @Override
    public Object evalRaw(String source) {
        imports.await();
        try {
            return evaluator.eval(magicParser.resolveMagics(source));
        } finally {
            System.out.flush();
            System.err.flush();
        }
    }

    /**
     * Routes the cell's standard streams to Jupyter through a buffer flushed at each line end and at the end of the
     * cell: printing a line with {@code printf} then arrives as one stream message, not one per formatted piece.
     */
    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
        super.replaceOutputStreams(env);
        System.setOut(lineBuffered(io.out));
        System.setErr(lineBuffered(io.err));
    }

    private static PrintStream lineBuffered(PrintStream target) {
        return new PrintStream(new LineFlushingOutputStream(target), false, StandardCharsets.UTF_8);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        imports.await();
        return assist.inspect(code, at);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        imports.await();
        return assist.complete(code, at, magicsRegistry.getLineMagicNames(), magicsRegistry.getCellMagicNames());
    }

    @Override
    public String isComplete(String code) {
        imports.await();
        String resolved = magicParser.resolveMagics(code);
        return evaluator.isComplete(resolved);
    }

    @Override
    public void interrupt() {
        control.interrupt();
    }

    @Override
    public List<String> formatError(Throwable e) {
        List<String> lines = errors.format(e);
        return lines != null ? lines : super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        shell.close();
    }

    /** The JShell that runs the cells, e.g. for an extension that adds to its class path. */
    public JShell getJShell() {
        return shell;
    }

    /** Extensions are looked up on the host class path, which JShell's loader sees through its parent. */
    @Override
    protected ClassLoader getClassLoader() {
        return ClassLoader.getSystemClassLoader();
    }
}
