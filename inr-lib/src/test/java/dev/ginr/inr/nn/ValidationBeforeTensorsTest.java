package dev.ginr.inr.nn;

import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.FourierConfig;
import dev.ginr.inr.config.FourierType;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.train.InstanceFitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid ranks, layer indices and Fourier settings fail before any tensor is made, naming value and allowed range. */
class ValidationBeforeTensorsTest {

    private static final HyponetConfig SMALL = HyponetConfig.image(5, 64, 32, 32);

    private static ConfigException failsBeforeTensors(Executable construct) {
        int before = GinrEngine.liveNativeArrays();
        ConfigException e = assertThrows(ConfigException.class, construct);
        assertEquals(before, GinrEngine.liveNativeArrays(), "no native array may be created");
        return e;
    }

    private static void assertMentions(ConfigException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' must mention " + part);
        }
    }

    @Test
    void rankAboveTheLayerWidthNamesTheRankAndTheAllowedRange() {
        ConfigException e = failsBeforeTensors(() -> new InstanceFitter(SMALL, ComposerConfig.of(1, 65)));
        assertMentions(e, "arch.rank", "65", "1..64");
        assertEquals("arch.rank", e.path());
        assertMentions(failsBeforeTensors(() -> ComposerConfig.of(1, 0)), "arch.rank", "0", "positive");
    }

    @Test
    void layerIndexOutsideTheMlpNamesTheIndexAndTheAllowedRange() {
        ConfigException e = failsBeforeTensors(() -> new InstanceFitter(SMALL, ComposerConfig.of(5, 8)));
        assertMentions(e, "arch.modulated_layer_idxs", "[5]", "0..4");
        assertMentions(failsBeforeTensors(() -> new InstancePatternComposers(SMALL, ComposerConfig.of(-1, 8))),
                "arch.modulated_layer_idxs", "-1");
        assertMentions(failsBeforeTensors(() -> new ComposerConfig(List.of(1, 1), List.of(8))),
                "arch.modulated_layer_idxs", "distinct");
    }

    @Test
    void invalidFourierSettingsNameThePathAndWhatIsAllowed() {
        assertMentions(failsBeforeTensors(() -> HyponetConfig.image(5, 64, 33, 32)),
                "arch.hyponet.fourier_mapping.ff_dim", "33", "multiple of input_dim = 2");
        assertMentions(failsBeforeTensors(() -> FourierConfig.deterministic(32, 0)),
                "arch.hyponet.fourier_mapping.ff_sigma", "0");
        assertMentions(failsBeforeTensors(() -> FourierConfig.deterministic(0, 32)),
                "arch.hyponet.fourier_mapping.ff_dim", "0", "positive");
        assertMentions(failsBeforeTensors(() -> FourierType.fromYaml("arch.hyponet.fourier_mapping.type", "wavelet")),
                "wavelet", "deterministic_transinr", "gaussian");
    }
}
