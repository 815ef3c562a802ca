package dev.ginr.inr;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradModeTest {

    /** Runs {@code body} on a fresh thread and returns what it recorded. */
    private static boolean[] onNewThread(java.util.function.Consumer<boolean[]> body) throws Exception {
        boolean[] seen = new boolean[4];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.accept(seen);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        return seen;
    }

    @Test
    void aNewThreadGetsTheEngineStartThreadsGradModeAndScopedOffRestoresIt() throws Exception {
        GinrEngine.engine();
        boolean[] seen = onNewThread(s -> {
            s[0] = JniUtils.isGradMode(); // libtorch's default on a new thread: on
            GradMode.matchEngineStartThread();
            s[1] = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            s[2] = GradMode.off(JniUtils::isGradMode);
            s[3] = JniUtils.isGradMode();
        });
        assertTrue(seen[0], "precondition: grad mode is on by default on a new thread");
        assertFalse(seen[1], "matched to the engine's start thread: off");
        assertFalse(seen[2], "off inside GradMode.off");
        assertTrue(seen[3], "the mode found is restored");
    }
}
