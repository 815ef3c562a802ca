package dev.ginr.inr.train;

import ai.djl.pytorch.jni.JniUtils;
import dev.ginr.inr.GinrEngine;

/**
 * Runs the engine with one intra-op thread for a while, then restores the previous count. The hyponet's matrices
 * are small (1024 x 64); on a busy 2-core machine two OpenMP threads made a meta-training step about 10x slower
 * (3.2 s against 0.26 s measured on the same machine), so the CPU-budget tests use one.
 */
final class SingleThreadedEngine implements AutoCloseable {

    private final int previous;

    SingleThreadedEngine() {
        GinrEngine.engine();
        previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
    }

    @Override
    public void close() {
        JniUtils.setNumThreads(previous);
    }
}
