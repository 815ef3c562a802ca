package dev.ginr.notebook.kernel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The forced stop of a runaway cell, on every Java the build accepts (17 and later), without {@code Thread.stop}
 * (which throws from Java 20 on).
 *
 * <p>The kernel weaves a call to {@link #check()} into the code of every cell (see {@link StopCheckWeaver}): at the
 * start of each method and before each backward jump, so every loop written in a cell passes through it. A forced
 * stop sets a flag that makes the next check throw {@link Stopped}, an {@link Error} that {@code catch (Exception)}
 * does not swallow and that runs {@code finally} blocks on its way out. Library code is not woven: code that must
 * keep the cell waiting while it stops by itself (a training finishing its step and writing its checkpoint) says
 * so with {@link #cooperating(Supplier)}, and the kernel waits for it instead of giving up on the cell.
 */
public final class CellStop {

    private static volatile boolean forced;
    private static final Set<Thread> COOPERATING = ConcurrentHashMap.newKeySet();

    private CellStop() {}

    /** Called by woven cell code at each method start and backward jump: throws once a forced stop is requested. */
    public static void check() {
        if (forced) {
            throw new Stopped();
        }
    }

    /**
     * Runs {@code work} on this thread marked as stopping by itself: the kernel waits for it after an interrupt
     * instead of leaving the thread behind. Use it around the wait for a background job that was asked to stop.
     */
    public static <T> T cooperating(Supplier<T> work) {
        Thread me = Thread.currentThread();
        boolean added = COOPERATING.add(me);
        try {
            return work.get();
        } finally {
            if (added) {
                COOPERATING.remove(me);
            }
        }
    }

    /** Whether {@code t} is inside {@link #cooperating(Supplier)}. */
    static boolean isCooperating(Thread t) {
        return COOPERATING.contains(t);
    }

    /** Makes every woven check throw, until {@link #reset()}. */
    static void force() {
        forced = true;
    }

    /** Lets woven code run again (before the next cell). */
    static void reset() {
        forced = false;
    }

    /** Thrown by {@link #check()} in a cell that is stopped by force. */
    public static final class Stopped extends Error {
        Stopped() {
            super("the cell was stopped by force after it ignored the interrupt", null, false, false);
        }
    }
}
