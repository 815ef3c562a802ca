package dev.ginr.inr.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Configs without content, and what the reader says about them. */
class YamlConfigHostileInputTest {

    @Test
    void anEmptyOrCommentOnlyConfigGetsAClearMessage() {
        for (String text : List.of("", "   \n", "# only a comment\n# and another\n", "{}\n")) {
            ConfigException e = assertThrows(ConfigException.class, () -> new YamlConfigReader().read(text, "c.yaml"));
            assertEquals("c.yaml holds no settings (it is empty or only comments); give at least arch.type, or use it "
                    + "over a preset (presets: " + Presets.names() + ")", e.getMessage(), "for '" + text + "'");
        }
    }

    @Test
    void anEmptyOverrideFileOverAPresetIsThePresetWithOneWarning() {
        ConfigReadResult r = new YamlConfigReader().readOverPreset("image-32-small", "# nothing yet\n", "over.yaml");
        assertEquals(Presets.load("image-32-small").hyponet(), r.spec().hyponet());
        assertEquals(List.of("over.yaml holds no settings (it is empty or only comments): "
                + Presets.label("image-32-small") + " is used as it is"), r.warnings());
    }
}
