package dev.ginr.inr;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Hands the free pages of the C heap back to the kernel: glibc's {@code malloc_trim(0)}, which since glibc 2.8 also
 * releases whole free pages inside every arena, not only at the top of the main heap.
 *
 * <p>Why: PyTorch's CPU tensors come from the C allocator, and a training loop frees and allocates tensors of many
 * sizes on more than one thread. glibc keeps freed blocks in per-thread arenas for reuse; as the pattern of sizes
 * shifts, free blocks that no request fits stay resident, and a process's resident memory climbs in steps while
 * the live tensors and the JVM stay flat. Trimming now and then ({@link dev.ginr.inr.train.Trainer} does it every
 * {@link #EVERY_STEPS} steps) bounds that, at the price of the kernel zeroing the released pages again when they are
 * next used: a few milliseconds at the small presets.
 *
 * <p>Where the C library has no {@code malloc_trim} (not glibc) this does nothing.
 */
public final class HeapTrim {

    /** Training steps between trims. */
    public static final int EVERY_STEPS = 100;

    private interface CLibrary extends Library {
        int malloc_trim(long pad);
    }

    private static final CLibrary LIBC = load();
    private static volatile boolean works = LIBC != null;

    private HeapTrim() {}

    private static CLibrary load() {
        try {
            return Native.load("c", CLibrary.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** Whether this process can trim (a C library with {@code malloc_trim} was found and has not failed). */
    public static boolean available() {
        return works;
    }

    /**
     * Trims the C heap once.
     *
     * @return true if memory was released, false if there was nothing to release or trimming is not available
     */
    public static boolean trim() {
        if (!works) {
            return false;
        }
        try {
            return LIBC.malloc_trim(0) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            works = false; // a C library without malloc_trim: never try again
            return false;
        }
    }
}
