package dev.ginr.inr.data.prepare;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Unpacks tar, tar.gz/tgz and zip archives so that nothing can land outside the target folder: every entry's path
 * is normalised and must stay below the target (absolute paths and {@code ..} that climb out are refused), and
 * links are never created (a symbolic or hard link entry is refused, so no later entry can be written through one).
 * Only regular files and folders are extracted. A refused archive fails the whole extraction; the caller throws the
 * partly filled target away.
 */
public final class SafeExtractor {

    private SafeExtractor() {}

    /**
     * Extracts {@code archive} into {@code target} (created if needed).
     *
     * @return the number of files written
     * @throws PreparationException for an entry that would escape the target, a link, or a damaged archive
     */
    public static long extract(Path archive, Path target, PreparationListener listener) {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        Path root = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            long files = name.endsWith(".zip") ? unzip(archive, root, listener) : untar(name, archive, root, listener);
            listener.progress("unpacking " + archive.getFileName(), files, files);
            return files;
        } catch (IOException e) {
            throw new PreparationException(archive.getFileName() + " cannot be unpacked (" + e.getMessage()
                    + "): the archive is damaged or truncated; delete it and run again to download it anew", e);
        }
    }

    // Zip files are read through their central directory: only it records which entries are symbolic links.
    private static long unzip(Path archive, Path root, PreparationListener listener) throws IOException {
        long files = 0;
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntriesInPhysicalOrder())) {
                try (InputStream in = zip.getInputStream(e)) {
                    files += write(e, in, root, archive, files, listener);
                }
            }
        }
        return files;
    }

    private static long untar(String name, Path archive, Path root, PreparationListener listener) throws IOException {
        long files = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             ArchiveInputStream<? extends ArchiveEntry> in = open(name, raw)) {
            for (ArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                files += write(e, in, root, archive, files, listener);
            }
        }
        return files;
    }

    /** Writes one entry below {@code root}; returns 1 for a file, 0 for a folder. */
    private static int write(ArchiveEntry e, InputStream in, Path root, Path archive, long filesSoFar,
                             PreparationListener listener) throws IOException {
        Path out = inside(root, e.getName(), archive);
        refuseLinks(e, archive);
        if (e.isDirectory()) {
            Files.createDirectories(out);
            return 0;
        }
        if (!isRegularFile(e)) {
            throw new PreparationException(archive.getFileName() + " holds " + e.getName()
                    + ", which is not a regular file or folder (device, fifo?): refused, nothing was kept");
        }
        Files.createDirectories(out.getParent());
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        if ((filesSoFar + 1) % 1000 == 0) {
            listener.progress("unpacking " + archive.getFileName(), filesSoFar + 1, -1);
        }
        return 1;
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(String name, InputStream raw) throws IOException {
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new TarArchiveInputStream(new GzipCompressorInputStream(raw, true));
        }
        if (name.endsWith(".tar")) {
            return new TarArchiveInputStream(raw);
        }
        throw new PreparationException(name + " is not an archive this tool unpacks: .tar, .tar.gz, .tgz or .zip");
    }

    /** The entry's destination, which must lie inside {@code root}. */
    static Path inside(Path root, String entryName, Path archive) {
        String n = entryName.replace('\\', '/');
        Path out = root.resolve(n).normalize();
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || !out.startsWith(root)) {
            throw new PreparationException(archive.getFileName() + " has an entry that would land outside the target "
                    + "folder: '" + entryName + "'; refused, nothing from it was kept");
        }
        return out;
    }

    private static void refuseLinks(ArchiveEntry e, Path archive) {
        boolean link = e instanceof TarArchiveEntry t && (t.isSymbolicLink() || t.isLink())
                || e instanceof ZipArchiveEntry z && z.isUnixSymlink();
        if (link) {
            String to = e instanceof TarArchiveEntry t ? " -> " + t.getLinkName() : "";
            throw new PreparationException(archive.getFileName() + " holds the link '" + e.getName() + "'" + to
                    + "; links are not extracted (one could point outside the target folder): refused, nothing "
                    + "was kept");
        }
    }

    private static boolean isRegularFile(ArchiveEntry e) {
        // Zip entries carry no device/fifo types; anything that is not a folder or a link is a file.
        if (e instanceof TarArchiveEntry t) {
            return t.isFile();
        }
        return true;
    }
}
