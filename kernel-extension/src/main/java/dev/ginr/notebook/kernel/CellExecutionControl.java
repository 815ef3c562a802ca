package dev.ginr.notebook.kernel;

import dev.ginr.inr.GradMode;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JShell snippets in the kernel's own JVM, each on a fresh thread that an interrupt can reach.
 *
 * <p>Why not JShell's plain {@link LocalExecutionControl}: it keeps only the value's string, while the kernel needs
 * the value itself to render it (a {@code BufferedImage} becomes image/png); and its stop kills the whole thread
 * group at once. Here an interrupt first asks politely ({@link Thread#interrupt()}: sleeps, waits and training loops
 * that check the flag stop at their next step boundary), and only after a grace period stops the snippet's thread
 * by force, so a busy loop cannot hang the kernel.
 *
 * <p>Snippet classes are loaded by JShell's loader, which delegates parent-first: DJL and its native library stay
 * loaded once, by the host class loader.
 */
final class CellExecutionControl extends LocalExecutionControl {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final long graceMillis;
    private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ginr-cell-stopper");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread running;
    private volatile boolean interruptRequested;
    private volatile Object lastValue;

    CellExecutionControl(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** A provider handing JShell this control; JShell asks for it once, when it is built. */
    static ExecutionControlProvider providing(CellExecutionControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "ginr-cell";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                GradMode.matchEngineStartThread(); // a new thread: grad mode as on the engine's start thread
                result[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "ginr-cell-" + THREADS.incrementAndGet());
        worker.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        worker.setDaemon(true);
        running = worker;
        try {
            worker.start();
            worker.join();
        } finally {
            running = null;
        }
        if (failure[0] instanceof ThreadDeath) {
            throw new StoppedException(); // stopped by force after the grace period
        }
        if (failure[0] != null) {
            throw new InvocationTargetException(failure[0]);
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    /**
     * Interrupts the running snippet, if any; stops its thread by force when it has not finished after the grace
     * period. Safe to call from any thread, at any time.
     */
    @SuppressWarnings("removal")
    void interrupt() {
        Thread worker = running;
        if (worker == null) {
            return;
        }
        interruptRequested = true;
        worker.interrupt();
        stopper.schedule(() -> {
            if (running == worker && worker.isAlive()) {
                worker.stop(); // deprecated, still the only way out of a loop that never looks at the flag
            }
        }, graceMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        interrupt();
    }

    /** Clears the value and interrupt flags before a cell starts. */
    void beginCell() {
        interruptRequested = false;
        lastValue = null;
    }

    /** Whether an interrupt arrived since {@link #beginCell()}. */
    boolean interruptRequested() {
        return interruptRequested;
    }

    /** The value the last executed snippet produced (null for statements and void calls). */
    Object lastValue() {
        return lastValue;
    }

    @Override
    public void close() {
        stopper.shutdownNow();
        super.close();
    }
}
