package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes may still be written below a folder (a seam, so tests can simulate a full disk). */
@FunctionalInterface
public interface DiskSpace {

    /** The usable space of the file system that holds {@code dir} (or its nearest existing parent). */
    long usableBytes(Path dir) throws IOException;

    /** The real file systems. */
    static DiskSpace system() {
        return dir -> {
            Path p = dir.toAbsolutePath();
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            return p == null ? Long.MAX_VALUE : Files.getFileStore(p).getUsableSpace();
        };
    }
}
