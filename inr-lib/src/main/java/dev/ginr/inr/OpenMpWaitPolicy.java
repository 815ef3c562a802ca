package dev.ginr.inr;

import java.util.Locale;

/**
 * What the PyTorch CPU engine's OpenMP threads do between parallel regions: spin on the core (GNU OpenMP's default)
 * or sleep ({@code OMP_WAIT_POLICY=PASSIVE}). Our launchers choose {@link #DEFAULT}.
 *
 * <p>Why passive: a spinning worker holds its core while it waits for the next parallel region. With the machine to
 * itself that saves a wake-up per region; with another busy process on the same cores (a second training run, the
 * tests, a browser) the spinning threads and the other process take turns at the scheduler's pace and training
 * slows several times. Measured with {@code ginr train --preset image-32-small}, 150 steps, 2 cores: idle, 4.6 and
 * 5.8 steps/s spinning, 5.3 passive; beside a second (passive) training run, 3.2 steps/s passive and 0.63 spinning.
 *
 * <p>The OpenMP runtime reads the variable {@value #VARIABLE} once, when the native library loads, so it must be set
 * in the process environment before the JVM starts: by the {@code ginr} launcher, the {@code ginr} kernelspec and
 * the build's test configuration. Java code can only report it.
 */
public final class OpenMpWaitPolicy {

    /** The environment variable the OpenMP runtime reads. */
    public static final String VARIABLE = "OMP_WAIT_POLICY";

    /** The value our launchers set when the user has not chosen one. */
    public static final String DEFAULT = "PASSIVE";

    private OpenMpWaitPolicy() {}

    /** The policy this process started with, e.g. "PASSIVE", or null when the variable is not set. */
    public static String current() {
        return normalise(System.getenv(VARIABLE));
    }

    /** A user's value, upper-cased and trimmed; null for null or blank. */
    static String normalise(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    /** One line for {@code %ginr} and {@code ginr bench}, e.g. "OMP_WAIT_POLICY=PASSIVE (idle threads sleep)". */
    public static String describe() {
        return describe(current());
    }

    static String describe(String policy) {
        if (policy == null) {
            return VARIABLE + " not set: OpenMP threads spin while they wait, several times slower when another "
                    + "process shares the cores (the ginr launcher and kernel set " + DEFAULT + ")";
        }
        return switch (policy) {
            case "PASSIVE" -> VARIABLE + "=PASSIVE (idle OpenMP threads sleep; kind to a shared machine)";
            case "ACTIVE" -> VARIABLE + "=ACTIVE (idle OpenMP threads spin: fastest alone, slow beside other work)";
            default -> VARIABLE + "=" + policy + " (not a policy OpenMP knows: ACTIVE or PASSIVE)";
        };
    }
}
