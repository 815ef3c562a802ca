package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.experiment.ActivationMaps;
import dev.ginr.inr.experiment.ComposerMix;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.notebook.display.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %ginr_activations} and {@code %ginr_mix}: help, one-line errors for bad arguments, and what they show for an
 * (untrained) run of ours on five offline photo crops.
 */
class ActivationsAndMixMagicTest {

    private static final GinrSession SESSION = GinrSession.create();
    private static Path data;

    @BeforeAll
    static void runAndData(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path crops = Path.of("..", "data", "offline-photos", "32");
        data = tmp.resolve("photos");
        for (String split : List.of("train", "test")) {
            Files.createDirectories(data.resolve(split));
            for (Path p : ImageFolder.list(crops.resolve(split)).subList(0, split.equals("test") ? 5 : 2)) {
                Files.copy(p, data.resolve(split).resolve(p.getFileName()));
            }
        }
        SESSION.putRun(new SessionRun(ExperimentRun.ofPreset("ours", "image-32-small", ModelType.LOW_RANK_TRANSINR),
                null, null, null));
        SESSION.putRun(new SessionRun(ExperimentRun.ofPreset("speech", "audio-1s-small", ModelType.LOW_RANK_TRANSINR),
                null, null, null));
    }

    @AfterAll
    static void close() {
        SESSION.runs().values().forEach(r -> r.run().close());
    }

    private static String usageError(GinrMagic magic, String... words) {
        RecordingSink sink = new RecordingSink();
        String text = (String) magic.call(sink, List.of(words), null);
        assertEquals(0, sink.displayed.size(), "a bad call shows nothing else: " + text);
        String name = magic.usage().magic();
        assertTrue(text.contains("\nusage: " + name + " ") && !text.contains("Exception"), text);
        return text.substring(0, text.indexOf('\n'));
    }

    @Test
    void badArgumentsAreOneLineNamingTheValueAndWhatIsAllowed() {
        ActivationsMagic act = new ActivationsMagic(SESSION);
        MixMagic mix = new MixMagic(SESSION);
        assertEquals("%ginr_activations: --layer 5 is out of range: the hyponet of run 'ours' has layers 0..4",
                usageError(act, "ours", "--layer", "5", "--data", data.toString()));
        assertEquals("%ginr_activations: --layer -1 is out of range: the hyponet of run 'ours' has layers 0..4",
                usageError(act, "ours", "--layer", "-1"));
        assertEquals("%ginr_activations: --images must be at least 2, got 1", usageError(act, "ours", "--images", "1"));
        assertEquals("%ginr_activations: missing RUN", usageError(act));
        assertEquals("%ginr_mix: --steps must be at least 2, got 1", usageError(mix, "ours", "0", "1", "--steps", "1"));
        assertEquals("%ginr_mix: --steps must be at most 64, got 100",
                usageError(mix, "ours", "0", "1", "--steps", "100"));
        assertEquals("%ginr_mix: --steps expects a whole number, got 'x'",
                usageError(mix, "ours", "0", "1", "--steps", "x"));
        assertEquals("%ginr_mix: B expects an image index (a whole number >= 0), got 'b'",
                usageError(mix, "ours", "0", "b"));
        assertEquals("%ginr_mix: missing RUN A B", usageError(mix, "ours", "0"));
        assertEquals("%ginr_mix: A = 5 is out of range: run 'ours' has 5 held-out images (0..4)",
                usageError(mix, "ours", "5", "0", "--data", data.toString()));
        MagicFailure unknown = assertThrows(MagicFailure.class, () -> mix.call(new RecordingSink(),
                List.of("nosuch", "0", "1"), null));
        assertTrue(unknown.getMessage().startsWith("%ginr_mix: no run named 'nosuch' in this session (runs: "),
                unknown.getMessage());
        MagicFailure audio = assertThrows(MagicFailure.class, () -> act.call(new RecordingSink(), List.of("speech"),
                null));
        assertEquals("%ginr_activations: run 'speech' reconstructs audio; activation maps are drawn for image runs "
                + "only", audio.getMessage());
    }

    @Test
    void helpNamesTheArgumentsAndOptions() {
        String act = (String) new ActivationsMagic(SESSION).call(new RecordingSink(), List.of("--help"), null);
        assertTrue(act.startsWith("usage: %ginr_activations RUN [--layer L] [--images N] [--units U]"), act);
        String mix = (String) new MixMagic(SESSION).call(new RecordingSink(), List.of("-h"), null);
        assertTrue(mix.startsWith("usage: %ginr_mix RUN A B [--steps K]") && mix.contains("(1-t) V(A) + t V(B)"),
                mix);
    }

    @Test
    void activationsShowATableAndOneGridPerLayerAndMixShowsAStrip() {
        RecordingSink sink = new RecordingSink();
        ActivationMaps maps = (ActivationMaps) new ActivationsMagic(SESSION).call(sink, List.of("ours", "--data",
                data.toString(), "--images", "3", "--units", "4"), null);
        assertEquals(3, maps.instances());
        assertEquals(1 + 5, sink.displayed.size(), "a table and one grid per layer");
        assertEquals(0.0, maps.layer(0).acrossInstanceShare());
        RecordingSink one = new RecordingSink();
        new ActivationsMagic(SESSION).call(one, List.of("ours", "--data", data.toString(), "--layer", "1"), null);
        assertEquals(2, one.displayed.size(), "the table and layer 1's grid");
        assertTrue(one.displayed.get(1).getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)
                .toString().startsWith("activation maps of layer 1 of 'ours'"));
        RecordingSink strip = new RecordingSink();
        ComposerMix mix = (ComposerMix) new MixMagic(SESSION).call(strip, List.of("ours", "1", "3", "--data",
                data.toString(), "--steps", "4"), null);
        assertEquals(4, mix.mixed().count());
        assertEquals(1, strip.displayed.size());
    }
}
