package dev.ginr.inr.data.prepare;

import java.net.URI;
import java.util.Locale;

/**
 * One file of a dataset as its publisher serves it.
 *
 * @param name     file name in the downloads folder (may contain '/' for files of an index, e.g. FFHQ's images)
 * @param url      where it is served; {@code null} when it can only be downloaded by hand (see {@code manualFrom})
 * @param bytes    size in bytes, exact when {@code exactSize}, else an estimate used for the disk-space check
 * @param exactSize true if the publisher states the exact size (then it is checked too)
 * @param checksum the pinned digest
 * @param manualFrom for files without a direct URL: the page to download them from by hand, else {@code null}
 */
public record RemoteFile(String name, URI url, long bytes, boolean exactSize, Checksum checksum, String manualFrom) {

    /** A file served at {@code url}. */
    public static RemoteFile of(String name, String url, long bytes, boolean exactSize, Checksum checksum) {
        return new RemoteFile(name, URI.create(url), bytes, exactSize, checksum, null);
    }

    /** A file that must be downloaded by hand from {@code page} and given with {@code --from DIR}. */
    public static RemoteFile manual(String name, String page, long approxBytes, Checksum checksum) {
        return new RemoteFile(name, null, approxBytes, false, checksum, page);
    }

    /** True for tar, tar.gz/tgz and zip archives, which are unpacked before preparation. */
    public boolean isArchive() {
        return isArchiveName(name);
    }

    /** True for names ending in .tar, .tar.gz, .tgz or .zip. */
    public static boolean isArchiveName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
    }

    /** This file served from {@code base} instead (a mirror with the same file names). */
    public RemoteFile mirroredAt(String base) {
        if (url == null) {
            return this;
        }
        String b = base.endsWith("/") ? base : base + "/";
        return new RemoteFile(name, URI.create(b + name), bytes, exactSize, checksum, manualFrom);
    }
}
