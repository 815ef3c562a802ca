package dev.ginr.inr.data;

import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.config.YamlConfigReader;
import dev.ginr.inr.nn.AudioPatchTokenizer;
import dev.ginr.inr.nn.DataTokenizer;
import dev.ginr.inr.nn.PatchTokenizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalKindTest {

    @Test
    void imagePresetsAreImagesWithTwoDimensionalPatches() {
        ExperimentSpec s = Presets.load("image-32-small");
        SignalKind kind = SignalKind.of(s);
        assertSame(SignalKind.IMAGE, kind);
        assertArrayEquals(new int[] {32, 32}, kind.grid(s.dataset()));
        DataTokenizer t = kind.tokenizer(s.dataEncoder(), s.dataset());
        assertInstanceOf(PatchTokenizer.class, t);
        assertEquals(64, t.tokenCount());
    }

    @Test
    void audioPresetsAreClipsWithOneDimensionalPatches() {
        for (String name : new String[] {"audio-1s-small", "audio-1s-paper", "audio-3s-paper"}) {
            ExperimentSpec s = Presets.load(name);
            SignalKind kind = SignalKind.of(s);
            assertSame(SignalKind.AUDIO, kind);
            assertEquals(1, kind.channels());
            assertArrayEquals(new int[] {s.dataset().clipSamples()}, kind.grid(s.dataset()));
            DataTokenizer t = kind.tokenizer(s.dataEncoder(), s.dataset());
            assertInstanceOf(AudioPatchTokenizer.class, t);
            assertEquals(s.tokenCount().getAsInt(), t.tokenCount());
        }
    }

    @Test
    void aTokenizerOfTheWrongKindIsRefusedWithItsPath() {
        String yaml = Presets.yaml("audio-1s-small").replace("type: unfold_audio", "type: unfold");
        ExperimentSpec s = new YamlConfigReader().read(yaml.replace("use_padding: true", "padding: 0")
                .replace("n_patches: 80", "n_patches: 80"), "mixed.yaml").spec();
        ConfigException e = assertThrows(ConfigException.class,
                () -> SignalKind.of(s).tokenizer(s.dataEncoder(), s.dataset()));
        assertEquals("arch.data_encoder.type", e.path());
        assertTrue(e.getMessage().contains("unfold_audio"), e.getMessage());
    }

    @Test
    void aHyponetOfTheWrongShapeIsRefusedWithItsPath() {
        String yaml = Presets.yaml("audio-1s-small").replace("input_dim: 1", "input_dim: 2")
                .replace("ff_dim: 256", "ff_dim: 256");
        ExperimentSpec s = new YamlConfigReader().read(yaml, "wrong.yaml").spec();
        ConfigException e = assertThrows(ConfigException.class, () -> SignalKind.of(s));
        assertEquals("arch.hyponet.input_dim", e.path());
        assertTrue(e.getMessage().contains("1 (the coordinate dimension of audio signals)"), e.getMessage());
    }
}
