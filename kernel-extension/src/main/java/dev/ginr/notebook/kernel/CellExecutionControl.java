package dev.ginr.notebook.kernel;

import dev.ginr.inr.GradMode;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JShell snippets in the kernel's own JVM, each on a fresh thread that an interrupt can reach.
 *
 * <p>An interrupt first asks politely ({@link Thread#interrupt()}: sleeps, waits and training loops that check the
 * flag stop at their next step boundary). After a grace period the cell is stopped by force: every class compiled
 * from a cell has {@link CellStop#check()} woven in ({@link StopCheckWeaver}), so a loop written in a cell ends at
 * its next iteration. That works on every Java from 17 on, where {@code Thread.stop} throws from 20 on. A cell
 * stuck in library code that ignores the interrupt is left running in the background after a second grace period,
 * so the kernel always answers again; a thread that {@link CellStop#acknowledge acknowledged} the interrupt (a
 * training writing its checkpoint) is waited for instead.
 *
 * <p>Why not JShell's {@code LocalExecutionControl}: it keeps only the value's string, while the kernel needs the
 * value itself to render it (a {@code BufferedImage} becomes image/png); its stop is {@code Thread.stop} on older
 * Javas, and on newer ones (25 here) a check class of its own that only its own {@code invoke} loads, so a subclass
 * with another {@code invoke} ran no cell at all there. Snippet classes are loaded by JShell's loader, which delegates parent-first:
 * DJL and its native library stay loaded once, by the host class loader.
 */
final class CellExecutionControl extends DirectExecutionControl {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final long graceMillis;
    private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ginr-cell-stopper");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean unwovenReported = new AtomicBoolean();
    private volatile Thread running;
    private volatile boolean cellActive;
    private volatile boolean interruptRequested;
    private volatile boolean abandoned;
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
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] woven = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            byte[] bytes = StopCheckWeaver.weave(classes[i].bytecodes());
            if (bytes == null && unwovenReported.compareAndSet(false, true)) {
                System.err.println("ginr kernel: this Java's class files are newer than the stop-check weaver knows;"
                        + " a cell that ignores an interrupt cannot be stopped by force");
            }
            woven[i] = bytes == null ? classes[i] : new ClassBytecodes(classes[i].name(), bytes);
        }
        super.load(woven);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (interruptRequested) {
            throw new StoppedException(); // the interrupt came between two snippets of the cell
        }
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
            while (worker.isAlive() && !abandoned) {
                worker.join(100);
            }
        } finally {
            running = null;
        }
        if (abandoned || failure[0] instanceof CellStop.Stopped) {
            throw new StoppedException();
        }
        if (failure[0] != null) {
            throw new InvocationTargetException(failure[0]);
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    /**
     * Interrupts the running snippet, if any; stops it by force when it has not finished after the grace period,
     * and leaves it behind after a second one. Safe to call from any thread, at any time.
     */
    void interrupt() {
        if (!cellActive) {
            return;
        }
        interruptRequested = true;
        Thread worker = running;
        if (worker == null) {
            return; // between snippets: the next one does not start
        }
        worker.interrupt();
        stopper.schedule(() -> {
            if (running == worker && worker.isAlive()) {
                CellStop.force();
                stopper.schedule(() -> abandonIfStuck(worker), graceMillis, TimeUnit.MILLISECONDS);
            }
        }, graceMillis, TimeUnit.MILLISECONDS);
    }

    private void abandonIfStuck(Thread worker) {
        if (running != worker || !worker.isAlive()) {
            return;
        }
        if (CellStop.acknowledged(worker)) {
            stopper.schedule(() -> abandonIfStuck(worker), graceMillis, TimeUnit.MILLISECONDS);
        } else {
            abandoned = true;
        }
    }

    @Override
    public void stop() {
        interrupt();
    }

    /** Clears the value, interrupt and stop flags before a cell starts; interrupts count from now on. */
    void beginCell() {
        interruptRequested = false;
        abandoned = false;
        lastValue = null;
        CellStop.reset();
        cellActive = true;
    }

    /** The cell is over: an interrupt from now on has nothing to stop. */
    void endCell() {
        cellActive = false;
    }

    /** Whether an interrupt arrived since {@link #beginCell()}. */
    boolean interruptRequested() {
        return interruptRequested;
    }

    /** Whether the interrupted cell's thread did not stop and was left running in the background. */
    boolean abandoned() {
        return abandoned;
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
