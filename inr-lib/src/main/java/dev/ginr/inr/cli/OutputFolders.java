package dev.ginr.inr.cli;

import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.train.RunFolder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of a folder that a command writes images or WAV files into, made before any work: it must be creatable, must not be
 * (or hold) the data folder, and must not already hold images or WAV files that ginr did not write, since it is then marked as
 * ginr's output ({@link ImageFiles#markAsOutput}) and every later data listing would skip them.
 */
final class OutputFolders {

    private OutputFolders() {}

    static void check(Path out, Path data) {
        RunFolder.checkFolderPath(out, "output folder", "the images go there as PNGs");
        if (data.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("output folder " + out + " is or holds the data folder " + data
                    + "; write the images elsewhere (a new folder inside the data folder is fine: it is marked as "
                    + "ginr output and skipped when data is read)");
        }
        if (Files.isDirectory(out) && !Files.exists(out.resolve(ImageFiles.OUTPUT_MARKER))) {
            String held = !ImageFiles.scan(out).files().isEmpty() ? "images"
                    : !AudioClipFolder.list(out).isEmpty() ? "WAV files" : null;
            if (held != null) {
                throw new IllegalArgumentException("output folder " + out + " already holds " + held + " that ginr "
                        + "did not write; choose a new or empty folder");
            }
        }
    }
}
