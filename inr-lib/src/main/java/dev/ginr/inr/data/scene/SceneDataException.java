package dev.ginr.inr.data.scene;

import java.nio.file.Path;

/**
 * Multi-view scene data that cannot be used as it is: the message names the file and what is wrong with it, in one
 * line, so that nothing is trained on a scene whose poses or images do not fit together.
 */
public final class SceneDataException extends IllegalArgumentException {

    private final transient Path file;

    public SceneDataException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file (or folder) at fault. */
    public Path file() {
        return file;
    }
}
