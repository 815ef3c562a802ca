package dev.ginr.notebook.kernel;

import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final KernelIO kernelIO;
    private final CellExecutionControl control;
    private final CellEvaluator evaluator;
    private final CodeAssist assist;
    private final CellErrorFormatter errors;
    private final StartupImports imports = new StartupImports();
    private final CellHistory history = new CellHistory();
    private volatile QueuedRequests queued;
    private volatile ShellReplyEnvironment cellEnv;
    private final AtomicInteger evalDepth = new AtomicInteger();

    GinrKernel(String name, String version, LanguageInfo languageInfo, List<HelpLink> helpLinks, KernelIO io,
               CommManager commManager, Renderer renderer, MagicParser magicParser, MagicsRegistry magicsRegistry,
               boolean extensionsEnabled, StringStyler errorStyler, JShell shell, CellExecutionControl control) {
        super(name, version, languageInfo, helpLinks, null, io, commManager, renderer, magicParser, magicsRegistry,
                extensionsEnabled, errorStyler);
        this.kernelIO = io;
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

    /**
     * Runs a cell. A call from inside a running cell ({@code eval(...)} in a cell) runs within that cell: only the
     * outermost call starts and ends the cell, so an interrupt reaches both.
     */
    @Override
    public Object evalRaw(String source) {
        boolean outermost = evalDepth.getAndIncrement() == 0; // no lock: the shell thread holds the kernel's
        if (outermost) {
            control.beginCell();
        }
        try {
            imports.await(control::interruptRequested);
            return evaluator.eval(magicParser.resolveMagics(source));
        } finally {
            System.out.flush();
            System.err.flush();
            evalDepth.decrementAndGet();
            if (outermost) {
                control.endCell();
            }
        }
    }

    /**
     * Runs an execute request as the messaging spec says: {@code silent} publishes no input and no result and
     * stores nothing; the execution count grows only for requests that store history; a failure with
     * {@code stop_on_error} aborts the execute requests already queued behind it (see {@link QueuedRequests}).
     */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        env.setBusyDeferIdle();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        replaceOutputStreams(env);
        kernelIO.attach(env, request.isStdinEnabled());
        cellEnv = env;
        env.defer(() -> {
            cellEnv = null;
            kernelIO.detach(env);
        });
        Outcome outcome = execute(env, request.getCode(), count, silent);
        if (store) {
            history.add(count, request.getCode(), outcome.text());
        }
        if (outcome.failed() && request.shouldStopOnError() && !silent && queued != null) {
            // only what waits before the failed cell's reply goes out was queued without knowing of the failure
            List<Message<?>> waiting = queued.takeWaiting(env);
            env.resolveDeferrals(); // the failed cell's reply and idle status go out first
            queued.answer(env, waiting);
        }
    }

    /** How a cell ended: failed or not, and its value as text (null when it had none). */
    private record Outcome(boolean failed, String text) {}

    /** Runs the cell, publishes its result or error and defers its reply. */
    private Outcome execute(ShellReplyEnvironment env, String code, int count, boolean silent) {
        try {
            DisplayData out = eval(code);
            String text = null;
            if (out != null && !silent) {
                env.publish(new PublishExecuteResult(count, out));
                Object plain = out.getData(MIMEType.TEXT_PLAIN);
                text = plain == null ? "" : plain.toString();
            }
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
            return new Outcome(false, text);
        } catch (Exception e) {
            ErrorReply error = ErrorReply.of(e);
            error.setExecutionCount(count);
            env.publish(PublishError.of(e, this::formatError));
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
            return new Outcome(true, null);
        }
    }

    /** kernel_info_reply with the status field the messaging spec requires. */
    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("status", "ok");
        info.put("protocol_version", Header.PROTOCOL_VERISON);
        info.put("implementation", name);
        info.put("implementation_version", version);
        info.put("language_info", getLanguageInfo());
        info.put("banner", getBanner());
        info.put("help_links", getHelpLinks());
        reply(env, MessageType.KERNEL_INFO_REPLY, info);
    }

    /** history_reply for tail, range and search requests (see {@link CellHistory}). */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest r = message.getContent();
        boolean output = r.includeOutput();
        List<List<Object>> entries = switch (r.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) r).getMaxReturnLength(), output);
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) r;
                yield history.range(range.getSessionIndex(), range.getStart(), range.getStop(), output);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) r;
                yield history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique(), output);
            }
        };
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        content.put("history", entries);
        reply(env, MessageType.HISTORY_REPLY, content);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, Map<String, Object> content) {
        env.reply(new Message(env.getContext(), type, content));
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        queued = new QueuedRequests(connection);
    }

    /**
     * Clears the running cell's output now, or with {@code wait} when the next output arrives (no flicker for a
     * display redrawn in a loop). Does nothing outside a cell.
     */
    public void clearOutput(boolean wait) {
        ShellReplyEnvironment env = cellEnv;
        if (env != null) {
            env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
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
