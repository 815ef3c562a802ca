package dev.ginr.inr.cli;

import java.util.Map;

/**
 * The command line's logging: the library chooses no logging binding (it only logs through the SLF4J API that DJL
 * uses); the {@code ginr} application runs with slf4j-simple and sets it here to keep the engine's start-up chatter
 * (native library extraction, thread counts, the CUDA probe on machines without a GPU) away from users: warnings
 * and errors only, the CUDA probe only on error, on standard error. A user's own {@code -D} settings win.
 */
final class CliLogging {

    private static final Map<String, String> QUIET = Map.of(
            "org.slf4j.simpleLogger.defaultLogLevel", "warn",
            "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error",
            "org.slf4j.simpleLogger.showDateTime", "false",
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.logFile", "System.err");

    private CliLogging() {}

    /** Applies the quiet settings that the user has not set; call before anything logs. */
    static void quiet() {
        QUIET.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
