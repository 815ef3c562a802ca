package dev.ginr.notebook.kernel;

import java.lang.reflect.Field;

/**
 * Gives each cell thread the deep-learning engine's per-thread state of the thread that started the engine.
 *
 * <p>PyTorch's grad mode is per thread. Starting the engine switches it off on the starting thread, and DJL's
 * gradient collector restores the mode it found when it closes; inr-lib's optimiser updates parameters in place
 * after the collector closes, which PyTorch refuses for leaf tensors while grad mode is on ("a leaf Variable that
 * requires grad is being used in an in-place operation"). Cells run on fresh threads, so a cell that trains after
 * the cell that started the engine would fail. This switches grad mode off on the new cell thread once the engine
 * is running, without ever starting it (the engine stays lazy).
 */
final class EngineThreadState {

    private EngineThreadState() {}

    /** Switches grad mode off on this thread if the PyTorch engine is already running. */
    static void matchEngineStartThread() {
        try {
            Class<?> provider = Class.forName("ai.djl.pytorch.engine.PtEngineProvider", false,
                    ClassLoader.getSystemClassLoader());
            Field engine = provider.getDeclaredField("engine");
            engine.setAccessible(true);
            if (engine.get(null) != null) {
                ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no PyTorch engine on the class path, or a DJL version without this field: nothing to match
        }
    }
}
