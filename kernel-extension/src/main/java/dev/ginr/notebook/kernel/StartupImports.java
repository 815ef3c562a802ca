package dev.ginr.notebook.kernel;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Makes the {@link DefaultImports} on a background thread while the kernel already answers Jupyter, because
 * compiling them (and warming up JShell's compiler) takes seconds and kernel_info must come back fast. Everything
 * that uses the JShell waits for {@link #await()} first; a broken class path surfaces there, in the first cell, with
 * the import that failed.
 */
final class StartupImports {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RuntimeException failure;

    /** Starts the imports on a daemon thread. */
    void start(JShell shell) {
        Thread t = new Thread(() -> {
            try {
                importAll(shell);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }, "ginr-default-imports");
        t.setDaemon(true);
        t.start();
    }

    /** Makes the imports on the calling thread (for embedding and tests). */
    void runNow(JShell shell) {
        try {
            importAll(shell);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            done.countDown();
        }
    }

    /** Waits until the imports are made; rethrows their failure. */
    void await() {
        await(() -> false);
    }

    /** Waits until the imports are made or {@code cancelled} says so (a cell interrupt); rethrows their failure. */
    void await(BooleanSupplier cancelled) {
        try {
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    throw new CellInterrupted("interrupted while the default imports were being made; the kernel is"
                            + " alive, run the cell again");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the default imports were being made", e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void importAll(JShell shell) {
        for (String line : DefaultImports.source().split("\n")) {
            List<SnippetEvent> events = shell.eval(line); // JShell takes one snippet per call
            if (events.stream().anyMatch(e -> e.status() == Snippet.Status.REJECTED)) {
                throw new IllegalStateException("default '" + line.strip() + "' does not resolve: is the class path"
                        + " complete? java.class.path=" + System.getProperty("java.class.path"));
            }
        }
    }
}
