package dev.ginr.notebook.kernel;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The forced stop of a runaway cell, on every Java the build accepts (17 and later), without {@code Thread.stop}
 * (which throws from Java 20 on).
 *
 * <p>The kernel weaves a call to {@link #check()} into the code of every cell (see {@link StopCheckWeaver}): at the
 * start of each method and before each backward jump, so every loop written in a cell passes through it. A forced
 * stop sets a flag that makes the next check throw {@link Stopped}, an {@link Error} that {@code catch (Exception)}
 * does not swallow and that runs {@code finally} blocks on its way out. Library code is not woven: code that must
 * keep the cell waiting while it stops by itself (a training finishing its step and writing its checkpoint) says
 * so with {@link #acknowledge()}, and the kernel waits for it instead of giving up on the cell.
 */
public final class CellStop {

    private static volatile boolean forced;
    private static final Set<Thread> ACKNOWLEDGED = Collections.newSetFromMap(new WeakHashMap<>());

    private CellStop() {}

    /** Called by woven cell code at each method start and backward jump: throws once a forced stop is requested. */
    public static void check() {
        if (forced) {
            throw new Stopped();
        }
    }

    /**
     * Says that this thread saw the interrupt and is stopping by itself (a training finishing its step, writing its
     * checkpoint and showing its summary): the kernel waits for the cell to end instead of leaving the thread
     * behind. Holds until the next cell starts.
     */
    public static void acknowledge() {
        synchronized (ACKNOWLEDGED) {
            ACKNOWLEDGED.add(Thread.currentThread());
        }
    }

    /** Whether {@code t} called {@link #acknowledge()} since the cell started. */
    static boolean acknowledged(Thread t) {
        synchronized (ACKNOWLEDGED) {
            return ACKNOWLEDGED.contains(t);
        }
    }

    /** Makes every woven check throw, until {@link #reset()}. */
    static void force() {
        forced = true;
    }

    /** Lets woven code run again and forgets the acknowledgements (before the next cell). */
    static void reset() {
        forced = false;
        synchronized (ACKNOWLEDGED) {
            ACKNOWLEDGED.clear();
        }
    }

    /** Thrown by {@link #check()} in a cell that is stopped by force. */
    public static final class Stopped extends Error {
        Stopped() {
            super("the cell was stopped by force after it ignored the interrupt", null, false, false);
        }
    }
}
