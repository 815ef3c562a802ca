package dev.ginr.inr.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The source photos one build of the offline set uses: the photos of folders the user named, or else those of the
 * explicit {@link PhotoSourceList}; with a fingerprint of every chosen file (location, length, modification time)
 * so that a rebuild can tell whether anything changed.
 *
 * @param found       the sources and the files that could not be read
 * @param description what was searched, for the settings line ({@code list:<lines>} or the folders)
 * @param fingerprint 64-bit digest of the chosen files
 */
record PhotoSelection(PhotoSourceFinder.Found found, String description, long fingerprint) {

    /**
     * Resolves the sources of {@code settings}.
     *
     * @throws IllegalArgumentException if a folder does not exist, or a line of the list matches no installed photo
     *                                  (the message names the line and the packages to install)
     */
    static PhotoSelection of(OfflinePhotoSet.Settings settings, PhotoReader reader) {
        if (!settings.sources().isEmpty()) {
            PhotoSourceFinder.Found found = PhotoSourceFinder.find(settings.sources(), reader);
            String roots = String.join(",", settings.sources().stream()
                    .map(p -> p.toAbsolutePath().normalize().toString()).toList());
            return new PhotoSelection(found, roots, fingerprint(found));
        }
        PhotoSourceList list = settings.list();
        if (list.lines().isEmpty()) {
            throw new IllegalArgumentException("no photo sources: name a folder with --source or give a source list");
        }
        PhotoSourceList.Resolved resolved = list.resolve(owners(list), reader);
        if (!resolved.missing().isEmpty()) {
            throw new IllegalArgumentException("offline photo sources are missing (" + String.join("; ",
                    resolved.missing()) + "): run data-scripts/build-offline-photos.sh, which installs them, or "
                    + "apt-get install " + String.join(" ", list.packages()));
        }
        return new PhotoSelection(resolved.found(), "list:" + list.lines().size() + " lines",
                fingerprint(resolved.found()));
    }

    /** Package ownership of every installed file under the folders and containers the list names. */
    private static DebianPackageLicences owners(PhotoSourceList list) {
        List<String> prefixes = new ArrayList<>();
        for (PhotoSourceList.Line line : list.lines()) {
            prefixes.add(line.container() != null ? line.container().toString()
                    : PhotoSourceList.fixedPrefix(line.glob()));
        }
        return DebianPackageLicences.forPathsUnder(prefixes);
    }

    private static long fingerprint(PhotoSourceFinder.Found found) {
        long fp = 0xcbf29ce484222325L;
        for (PhotoSource src : found.sources()) {
            fp = fp * 31 + fnv64(src.id() + "|" + src.location() + "|" + fileStamp(src.file()));
        }
        for (String bad : found.unreadable()) {
            fp = fp * 31 + fnv64("unreadable|" + bad);
        }
        return fp;
    }

    static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static String fileStamp(Path f) {
        try {
            return Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
