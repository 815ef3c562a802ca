package dev.ginr.inr;

import java.util.Locale;

/**
 * What the PyTorch CPU engine's OpenMP threads do between parallel regions: spin on the core, sleep
 * ({@code OMP_WAIT_POLICY=PASSIVE}), or spin for a bounded count and then sleep ({@code GOMP_SPINCOUNT}). Our launcher
 * and kernelspec choose {@link #DEFAULT_SPIN_COUNT} spins when the user has set neither variable.
 *
 * <p>Why a short spin: at the small presets a step is hundreds of small parallel regions, and a sleeping worker costs a
 * wake-up at each. Measured with {@code TrainingBench}, 2 threads, 20 + 3 x 50 steps, on an idle 2-core machine:
 * passive 5.2-6.6 steps/s for ours, 10000 spins 7.6-9.5; TransINR 2.6-2.9 against 3.9-4.2. Spinning without bound
 * (GNU OpenMP's default) made a second training process on the same cores several times slower; a bounded spin
 * beside a busy process still cost a third (ours 2.8-3.2 steps/s against 3.8-5.6 passive), which
 * {@link dev.ginr.inr.train.CoreSharing} removes by dropping to one intra-op thread while others need the cores
 * (6.0-7.0 steps/s then).
 *
 * <p>The OpenMP runtime reads {@value #VARIABLE} and {@value #SPIN_VARIABLE} once, when the native library loads, so
 * they must be set in the process environment before the JVM starts: by the {@code ginr} launcher, the {@code ginr}
 * kernelspec and the build's test configuration (which keeps {@code PASSIVE}: the suite runs a Jupyter kernel beside
 * its own JVM). Java code can only report them.
 */
public final class OpenMpWaitPolicy {

    /** The environment variable the OpenMP runtime reads. */
    public static final String VARIABLE = "OMP_WAIT_POLICY";

    /** GNU OpenMP's bounded spin before a waiting thread sleeps. */
    public static final String SPIN_VARIABLE = "GOMP_SPINCOUNT";

    /** The spin count our launcher and kernelspec set when the user has set neither variable. */
    public static final String DEFAULT_SPIN_COUNT = "10000";

    private OpenMpWaitPolicy() {}

    /** The policy this process started with, e.g. "PASSIVE", or null when the variable is not set. */
    public static String current() {
        return normalise(System.getenv(VARIABLE));
    }

    /** The spin count this process started with, e.g. "10000", or null when the variable is not set. */
    public static String spinCount() {
        return normalise(System.getenv(SPIN_VARIABLE));
    }

    /** A user's value, upper-cased and trimmed; null for null or blank. */
    static String normalise(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    /** One line for {@code %ginr} and {@code ginr bench}, e.g. "OMP_WAIT_POLICY=PASSIVE (idle threads sleep)". */
    public static String describe() {
        return describe(current(), spinCount());
    }

    static String describe(String policy) {
        return describe(policy, null);
    }

    static String describe(String policy, String spinCount) {
        if (policy == null && spinCount != null) {
            return SPIN_VARIABLE + "=" + spinCount + " (idle OpenMP threads spin briefly, then sleep)";
        }
        if (policy == null) {
            return VARIABLE + " and " + SPIN_VARIABLE + " not set: OpenMP threads spin long while they wait, several "
                    + "times slower when another process shares the cores (the ginr launcher and kernel set "
                    + SPIN_VARIABLE + "=" + DEFAULT_SPIN_COUNT + ")";
        }
        return switch (policy) {
            case "PASSIVE" -> VARIABLE + "=PASSIVE (idle OpenMP threads sleep; kind to a shared machine)";
            case "ACTIVE" -> VARIABLE + "=ACTIVE (idle OpenMP threads spin: fastest alone, slow beside other work)";
            default -> VARIABLE + "=" + policy + " (not a policy OpenMP knows: ACTIVE or PASSIVE)";
        };
    }
}
