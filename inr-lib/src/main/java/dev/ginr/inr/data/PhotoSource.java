package dev.ginr.inr.data;

import java.nio.file.Path;

/**
 * One source photograph: all resolutions a package ships of the same picture, represented by its largest file.
 * A photo may also be a member of a container file (a Qt resource file): then {@code file} is the container and
 * {@code member} the path inside it.
 *
 * @param id       stable name of the photo, e.g. {@code plasma-workspace-wallpapers/Kite} or
 *                 {@code gcompris-qt-data/erase/bee}
 * @param file     the largest readable resolution, the one crops are cut from (or the container holding it)
 * @param member   path inside the container {@code file}, or {@code ""} when the photo is {@code file} itself
 * @param width    width of the photo in pixels
 * @param height   height of the photo in pixels
 * @param variants how many files (resolutions, dark editions) showed this photo
 */
public record PhotoSource(String id, Path file, String member, int width, int height, int variants) {

    /** A photo that is a file of its own. */
    public PhotoSource(String id, Path file, int width, int height, int variants) {
        this(id, file, "", width, height, variants);
    }

    /** The id as a file-name stem: every character outside {@code [A-Za-z0-9._-]} becomes {@code -}. */
    public String fileStem() {
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** Where the photo is, as written in manifests: the file, or {@code container!member}. */
    public String location() {
        return member.isEmpty() ? file.toString() : file + "!" + member;
    }
}
