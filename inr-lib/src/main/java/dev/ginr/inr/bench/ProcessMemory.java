package dev.ginr.inr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of this process as the kernel sees it ({@code VmRSS} in {@code /proc/self/status}): native
 * tensors, the JVM heap and everything else. The flat-memory check compares it after warm-up and after many steps.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Resident set size in bytes, or -1 where {@code /proc/self/status} is not available (not Linux). */
    public static long residentBytes() {
        try {
            return parseVmRss(Files.readAllLines(STATUS));
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The peak resident set size of the process so far (VmHWM), in bytes, or -1 where not available. */
    public static long peakResidentBytes() {
        try {
            return parseKb(Files.readAllLines(STATUS), "VmHWM:");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The {@code VmRSS:   123456 kB} line of a status file, in bytes; -1 if absent. */
    static long parseVmRss(List<String> statusLines) {
        return parseKb(statusLines, "VmRSS:");
    }

    private static long parseKb(List<String> statusLines, String key) {
        for (String line : statusLines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024L;
            }
        }
        return -1;
    }

    /**
     * Bytes the JVM has committed for its heap and its non-heap pools (code cache, metaspace): the part of the
     * resident set that is Java's own rather than the engine's, so that a growth can be attributed.
     */
    public static long jvmCommittedBytes() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        return m.getHeapMemoryUsage().getCommitted() + m.getNonHeapMemoryUsage().getCommitted();
    }

    /**
     * Resident bytes after a full garbage collection, so that Java garbage (host copies of batches) waiting for the
     * next collection does not read as growth.
     */
    public static long residentBytesAfterGc() {
        System.gc();
        return residentBytes();
    }
}
