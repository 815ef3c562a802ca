package dev.ginr.inr.data;

import java.nio.file.Path;

/**
 * One source photograph: all resolutions a package ships of the same picture, represented by its largest file.
 *
 * @param id       stable name of the photo, e.g. {@code wallpapers/Altai} or {@code backgrounds/mate/nature/Dune}
 * @param file     the largest readable resolution, the one crops are cut from
 * @param width    width of {@code file} in pixels
 * @param height   height of {@code file} in pixels
 * @param variants how many files (resolutions, dark editions) showed this photo
 */
public record PhotoSource(String id, Path file, int width, int height, int variants) {

    /** The id as a file-name stem: every character outside {@code [A-Za-z0-9._-]} becomes {@code -}. */
    public String fileStem() {
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
