package dev.ginr.inr;

import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.audio.AudioClipFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the small offline sets the test command builds: photos (data-scripts/build-offline-photos.sh) and speech
 * (data-scripts/build-offline-speech.sh).
 */
public final class TestData {

    private TestData() {}

    /** Root of the offline photo set: system property {@code ginr.data}, else {@code <repo>/data/offline-photos}. */
    public static Path offlinePhotos() {
        String p = System.getProperty("ginr.data");
        Path root = p != null ? Paths.get(p) : repoRoot().resolve("data/offline-photos");
        return root;
    }

    /** The folder of {@code size} x {@code size} crops of one split; fails with the command that builds it. */
    public static Path crops(int size, String split) {
        Path dir = offlinePhotos().resolve(size + "/" + split);
        if (!Files.isDirectory(dir) || ImageFolder.list(dir).isEmpty()) {
            throw new IllegalStateException("offline photo crops missing at " + dir
                    + ": run data-scripts/build-offline-photos.sh (the README's test command does)");
        }
        return dir;
    }

    /** The offline speech set: system property {@code ginr.speech}, else {@code <repo>/data/offline-speech}. */
    public static Path offlineSpeech() {
        String p = System.getProperty("ginr.speech");
        return p != null ? Paths.get(p) : repoRoot().resolve("data/offline-speech");
    }

    /** The folder of {@code seconds}-second speech clips of one split; fails with the command that builds it. */
    public static Path speechClips(int seconds, String split) {
        Path dir = offlineSpeech().resolve(seconds + "s/" + split);
        if (!Files.isDirectory(dir) || AudioClipFolder.list(dir).isEmpty()) {
            throw new IllegalStateException("offline speech clips missing at " + dir
                    + ": run data-scripts/build-offline-speech.sh (the README's test command does)");
        }
        return dir;
    }

    public static Path repoRoot() {
        Path here = Paths.get("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("inr-lib")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return here;
    }
}
