package dev.ginr.inr.model;

import dev.ginr.inr.config.MetaConfig;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.HyponetConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaConfigValidationTest {

    private static final HyponetConfig HYPONET = HyponetConfig.image(5, 64, 32, 32);

    @Test
    void negativeInnerLearningRateNamesItsYamlPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> new MetaConfig(2, -0.003, false, true, null, false));
        assertEquals("arch.inner_lr", e.path());
        assertTrue(e.getMessage().contains("-0.003"), e.getMessage());
        assertEquals("arch.inner_lr", assertThrows(ConfigException.class,
                () -> new MetaConfig(2, Double.NaN, false, true, null, false)).path());
    }

    @Test
    void zeroInnerStepsNamesItsYamlPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> MetaConfig.of(0, 0.003));
        assertEquals("arch.n_inner_step", e.path());
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    @Test
    void rankAboveLayerWidthFailsBeforeAnyArrayIsMade() {
        try (NDManager root = GinrEngine.engine().newBaseManager()) {
            int before = GinrEngine.liveNativeArrays();
            ConfigException e = assertThrows(ConfigException.class, () -> new MetaLearnedComposers(root, HYPONET,
                    ComposerConfig.of(1, 65), MetaConfig.reference(), DataType.FLOAT32));
            assertEquals("arch.rank", e.path());
            assertTrue(e.getMessage().contains("1..64"), e.getMessage());
            assertEquals(before, GinrEngine.liveNativeArrays());
        }
    }

    @Test
    void learnedInitLayerOutOfRangeNamesItsYamlPath() {
        try (NDManager root = GinrEngine.engine().newBaseManager()) {
            ConfigException e = assertThrows(ConfigException.class, () -> new LearnedInitBaseline(root, HYPONET,
                    MetaConfig.reference().withLearnedInit(List.of(1, 5), false), DataType.FLOAT32));
            assertEquals("arch.modulated_layer_idxs", e.path());
            assertTrue(e.getMessage().contains("0..4"), e.getMessage());
        }
    }
}
