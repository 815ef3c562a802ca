package dev.ginr.inr;

import ai.djl.pytorch.jni.JniUtils;

import java.lang.reflect.Field;
import java.util.function.Supplier;

/**
 * PyTorch's grad mode on the threads that use the engine: the one fix for one cause. Grad mode is per thread in
 * libtorch and on by default; DJL switches it off only on the thread that starts the engine, and its gradient
 * collector restores the mode it found when it closes. inr-lib updates leaf parameters in place (Adam, loading a
 * checkpoint) and evaluates without recording a graph, which libtorch refuses or slows down while grad mode is on
 * ("a leaf Variable that requires grad is being used in an in-place operation"). Notebook cells, training threads
 * and server threads are new threads, so every place that may run on one goes through here.
 */
public final class GradMode {

    private GradMode() {}

    /**
     * Switches grad mode off on this thread, as on the thread that started the engine. Starts nothing: when the
     * engine is not running yet this does nothing (the thread that starts it gets grad mode off from DJL).
     */
    public static void matchEngineStartThread() {
        if (engineRunning()) {
            JniUtils.setGradMode(false);
        }
    }

    /** Runs {@code work} with grad mode off on this thread, then restores the mode it found. */
    public static <T> T off(Supplier<T> work) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    /** As {@link #off(Supplier)}, for work without a result. */
    public static void off(Runnable work) {
        off(() -> {
            work.run();
            return null;
        });
    }

    /** Whether DJL's PyTorch engine has started (its provider holds the instance), without starting it. */
    private static boolean engineRunning() {
        try {
            Class<?> provider = Class.forName("ai.djl.pytorch.engine.PtEngineProvider", false,
                    GradMode.class.getClassLoader());
            Field engine = provider.getDeclaredField("engine");
            engine.setAccessible(true);
            return engine.get(null) != null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false; // a DJL version without this field: nothing to match
        }
    }
}
