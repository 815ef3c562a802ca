package dev.ginr.inr;

import java.util.HashMap;
import java.util.Map;

/**
 * Optional C allocator settings under which the PyTorch CPU engine keeps its working memory between steps: faster
 * at the paper's sizes, at the price of a resident set that never shrinks and slowly grows. Off by default.
 *
 * <p>One training step at the paper's sizes allocates and frees dozens of activation tensors of about 500 MB each
 * ((B, P, 256) floats with B = 16, P = 178 x 178). With glibc's defaults every such tensor is a fresh {@code mmap}
 * (above the mmap threshold, or from a per-thread arena that cannot hold it), returned with {@code munmap} when freed,
 * so every step the kernel zeroes the same gigabytes again: measured on the 2-core machine, 2.5 million page faults
 * and 8-10 s of system time in a 14.5 s modulated-MLP step. With one arena, no mmap and no trimming
 * ({@link #TUNABLES}), freed blocks stay in the process heap and the next step reuses them: the same step takes
 * 7-9 s and faults a few dozen times.
 *
 * <p>Since then the hyponet renders the coordinates in chunks whose activations stay within 16 MiB
 * ({@code ModulatedMlp.CHUNK_BYTES}), which glibc's defaults reuse: the modulated-MLP step at 178x178 takes 4.6-5.4 s
 * without these settings (measured on the same machine), so they matter only for other large tensors.
 *
 * <p>Why it is not the default: a heap that is never trimmed keeps every fragment. In a 2000-step soak of the small
 * preset the heap's in-use bytes stayed near 200 MB while its size grew by 140 MB in four minutes (glibc's
 * {@code malloc_stats}), so resident memory rose by 6-15% after warm-up, against 0.6-4.5% with glibc's defaults (ours).
 *
 * <p>glibc reads the settings only at process start, from the environment variable {@value #VARIABLE}; the
 * {@code ginr} launcher sets them when {@code GINR_KEEP_TENSOR_MEMORY=1}, and {@code ginr bench} reports whether
 * they are in effect. Other C libraries ignore the variable.
 */
public final class HostAllocator {

    /** The environment variable glibc reads its tunables from. */
    public static final String VARIABLE = "GLIBC_TUNABLES";

    /** One arena, never mmap, never trim: freed tensor memory stays in the heap for the next step. */
    public static final String TUNABLES =
            "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736";

    private HostAllocator() {}

    /** Whether this process was started with every one of {@link #TUNABLES} in {@value #VARIABLE}. */
    public static boolean retainsMemory() {
        return retainsMemory(System.getenv(VARIABLE));
    }

    /** Whether {@code environmentValue} sets every one of {@link #TUNABLES}; a later setting wins, as in glibc. */
    static boolean retainsMemory(String environmentValue) {
        if (environmentValue == null) {
            return false;
        }
        Map<String, String> set = settings(environmentValue);
        return set.entrySet().containsAll(settings(TUNABLES).entrySet());
    }

    private static Map<String, String> settings(String tunables) {
        Map<String, String> out = new HashMap<>();
        for (String item : tunables.split(":")) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** One line for reports: what the allocator does in this process. */
    public static String describe() {
        return retainsMemory()
                ? "glibc keeps freed tensor memory for reuse (" + VARIABLE + " set): faster, resident memory only grows"
                : "glibc defaults (the hyponet renders in chunks of at most 16 MiB, which glibc reuses; larger "
                        + "tensors are mapped and zeroed anew)";
    }
}
