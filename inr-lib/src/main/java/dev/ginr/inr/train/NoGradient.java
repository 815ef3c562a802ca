package dev.ginr.inr.train;

import ai.djl.pytorch.jni.JniUtils;

import java.util.function.Supplier;

/**
 * Runs work with the engine's gradient recording off on the current thread. PyTorch's grad mode is per thread and on
 * by default on a new thread (DJL turns it off only on the thread that starts the engine), so optimiser updates (in
 * place on parameters) and evaluation run inside this, whatever thread a notebook or a server trains on.
 */
public final class NoGradient {

    private NoGradient() {}

    public static <T> T run(Supplier<T> work) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    public static void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }
}
