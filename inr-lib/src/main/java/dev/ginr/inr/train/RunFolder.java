package dev.ginr.inr.train;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run folder while a training writes into it: {@link #CHECKPOINT} plus a lock file ({@link #LOCK_FILE}) that
 * holds an operating-system lock for as long as the training runs, so a second training into the same folder (another
 * process, or another thread of this one) fails at once with a message naming the holder, instead of both running
 * and one silently winning. Opening one also removes the temporary files a killed process left behind.
 *
 * <p>The lock file stays when the lock is released (removing it would let two processes lock two different files of
 * the same name); it is a few bytes of text saying which process held it last. Path problems (a file where the
 * folder or one of its parents belongs) are reported by {@link #check} before anything is created.
 */
public final class RunFolder implements AutoCloseable {

    /** The checkpoint file of a run folder. */
    public static final String CHECKPOINT = "checkpoint.safetensors";
    /** The lock file of a run folder. */
    public static final String LOCK_FILE = ".ginr-run.lock";

    /** Folders this JVM trains into: a second lock from this process would throw, not wait. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path key;
    private final RandomAccessFile file;

    /**
     * Checks, without creating or changing anything, that {@code dir} can become a run folder: it and every existing
     * parent are folders, the nearest existing one is writable, and no training holds it now.
     *
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static void check(Path dir) {
        checkPath(dir);
        if (Files.isRegularFile(dir.resolve(LOCK_FILE))) {
            Path key = realPath(dir);
            if (HELD.contains(key)) {
                throw inUse(dir, "another training in this process");
            }
            try (RandomAccessFile f = new RandomAccessFile(key.resolve(LOCK_FILE).toFile(), "rw")) {
                FileLock probe = tryLock(f.getChannel(), dir);
                if (probe == null) {
                    throw inUse(dir, holder(f));
                }
                probe.release();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check run folder " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static void checkPath(Path dir) {
        checkFolderPath(dir, "run folder", "it will hold " + CHECKPOINT);
    }

    /**
     * Checks, without creating anything, that {@code dir} is a folder or can be made one: it and every existing
     * parent are folders and the nearest existing one is writable.
     *
     * @param label   what the folder is, for messages ("run folder", "output folder")
     * @param purpose what it is for, for the message when it is a file
     */
    public static void checkFolderPath(Path dir, String label, String purpose) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(p.equals(abs) ? label + " " + dir + " is a file; give a folder ("
                            + purpose + ")" : label + " " + dir + " cannot be made: " + p + " is a file, not a folder");
                }
                if (!Files.isWritable(p)) {
                    throw new IllegalArgumentException(label + " " + dir + " cannot be written: " + p
                            + " is not writable");
                }
                return;
            }
        }
    }

    /**
     * Creates {@code dir} if needed and locks it for one training; removes stale temporary checkpoint files.
     *
     * @throws IllegalArgumentException if the path cannot be a run folder or another training holds it
     */
    public static RunFolder lock(Path dir) {
        checkPath(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("run folder " + dir + " cannot be made: " + e.getMessage(), e);
        }
        return new RunFolder(dir, realPath(dir));
    }

    /** Locks the folder {@code key} (the real path of {@code dir}) for this process. */
    private RunFolder(Path dir, Path key) {
        if (!HELD.add(key)) {
            throw inUse(dir, "another training in this process");
        }
        try {
            file = new RandomAccessFile(key.resolve(LOCK_FILE).toFile(), "rw");
            if (tryLock(file.getChannel(), dir) == null) {
                String holder = holder(file);
                file.close();
                throw inUse(dir, holder);
            }
            file.setLength(0); // RandomAccessFile's own writes: a second stream on this file could drop the lock
            file.write(("process " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            Checkpoint.removeStaleTemporaries(key);
        } catch (IOException e) {
            HELD.remove(key);
            throw new UncheckedIOException("cannot lock run folder " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
        this.dir = dir;
        this.key = key;
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        } catch (ClosedByInterruptException e) {
            throw new CancellationException("interrupted while locking run folder " + dir);
        }
    }

    private static String holder(RandomAccessFile f) {
        try {
            byte[] b = new byte[(int) Math.min(200, f.length())];
            f.readFully(b);
            String text = new String(b, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another process" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static IllegalArgumentException inUse(Path dir, String holder) {
        return new IllegalArgumentException("run folder " + dir + " is in use: " + holder + " is training into it; "
                + "wait for it to end or choose another run folder");
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The folder's checkpoint file (which may not exist yet). */
    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    /** Releases the lock (closing the file releases the operating system's lock with it). */
    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release run folder " + dir + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(key);
        }
    }
}
