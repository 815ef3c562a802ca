package dev.ginr.notebook.magic;

import dev.ginr.inr.config.Presets;
import dev.ginr.notebook.display.RecordingSink;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A magic given no --data reads the offline set of its run's kind: photo crops for images, the speech clips of the
 * run's clip length for audio, the multi-view set for scenes (from the module folder, the repository's data/ is the
 * parent's).
 */
class DefaultDataTest {

    @Test
    void eachKindDefaultsToItsOwnOfflineSet() {
        String env = System.getenv("GINR_DATA");
        assumeTrue(env == null || env.isBlank(), "GINR_DATA is set: it overrides every default");
        GinrSession s = GinrSession.create();
        Path data = Path.of("..", "data");
        assertEquals(data.resolve("offline-photos/32"), s.defaultData(Presets.load("image-32-small")));
        assertEquals(s.defaultData(), s.defaultData(null));
        assertEquals(data.resolve("offline-speech/1s"), s.defaultData(Presets.load("audio-1s-small")));
        assertEquals(Path.of("data", "offline-speech", "3s").getFileName(),
                s.defaultData(Presets.load("audio-3s-paper")).getFileName());
        assertEquals(Path.of("offline-scenes"), s.defaultData(Presets.load("nvs-small")).getFileName());
    }

    @Test
    void ginrListsTheDefaultOfEveryKind() {
        String env = System.getenv("GINR_DATA");
        assumeTrue(env == null || env.isBlank(), "GINR_DATA is set: it overrides every default");
        String text = String.valueOf(new InfoMagic(GinrSession.create()).call(
                new RecordingSink(), List.of(), null));
        String line = text.lines().filter(l -> l.startsWith("data (when a magic is given no --data): ")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(line.contains("offline-photos/32") && line.contains("[GINR_DATA not set]")
                && line.contains("; audio ") && line.contains("offline-speech/1s") && line.contains("; scenes ")
                && line.contains("offline-scenes"), line);
    }
}
