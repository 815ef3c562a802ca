package dev.ginr.inr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void image32SmallHasTheDesignValues() {
        ExperimentSpec s = Presets.load("image-32-small");
        assertEquals(ModelType.LOW_RANK_TRANSINR, s.modelType());
        assertEquals(32, s.dataset().resolution());
        assertEquals(DataEncoderConfig.image(3, 4, 0), s.dataEncoder());
        assertEquals(64, s.tokenCount().getAsInt());
        assertEquals(48, s.dataEncoder().tokenDim());
        assertEquals(LatentMappingConfig.linear(64, 128), s.latentMapping());
        assertEquals(new TransformerConfig(2, 128, 4, 4, 0.1, 0.0), s.transformer());
        assertEquals(HyponetConfig.image(5, 64, 32, 32), s.hyponet());
        assertEquals(0.5, s.hyponet().outputBias());
        assertTrue(s.hyponet().normalizeWeight());
        assertEquals(Activation.RELU, s.hyponet().activation());
        assertEquals(ComposerConfig.of(1, 64), s.composer());
        assertEquals(new WeightGroupsConfig(List.of(64), null), s.weightGroups());
        assertEquals(Map.of(0, 64, 1, 64, 2, 64, 3, 64, 4, 3), s.weightGroups().groupsByLayer(s.hyponet()));
        assertEquals(16, s.experiment().batchSize());
        assertEquals(OptimizerConfig.adam(1e-4), s.optimizer());
        assertEquals(LrSchedule.CONSTANT, s.optimizer().schedule());
        assertEquals(0.9, s.optimizer().beta1());
        assertEquals(0.999, s.optimizer().beta2());
        assertTrue(s.optimizer().gradientClipping().isEmpty());
        assertNull(s.meta());
    }

    @Test
    void meta32SmallHasTheDesignValues() {
        ExperimentSpec s = Presets.load("meta-32-small");
        assertEquals(ModelType.META_LOW_RANK, s.modelType());
        assertEquals(HyponetConfig.image(5, 64, 32, 32), s.hyponet());
        assertEquals(ComposerConfig.of(1, 64), s.composer());
        assertEquals(MetaConfig.of(2, 0.003), s.meta());
        assertEquals(16, s.experiment().batchSize());
        assertEquals(OptimizerConfig.adam(1e-4), s.optimizer());
        assertNull(s.transformer());
        assertTrue(s.tokenCount().isEmpty());
    }

    @Test
    void image178PaperHasThePaperValues() {
        ExperimentSpec s = Presets.load("image-178-paper");
        assertEquals(178, s.dataset().resolution());
        assertEquals(DataEncoderConfig.image(3, 9, 1), s.dataEncoder());
        assertEquals(400, s.tokenCount().getAsInt());
        assertEquals(243, s.dataEncoder().tokenDim());
        assertEquals(LatentMappingConfig.linear(400, 768), s.latentMapping());
        assertEquals(TransformerConfig.of(6, 768, 12), s.transformer());
        assertEquals(64, s.transformer().headDim());
        assertEquals(HyponetConfig.image(5, 256, 128, 128), s.hyponet());
        assertEquals(ComposerConfig.of(1, 256), s.composer());
        assertEquals(OptimizerConfig.adam(1e-4), s.optimizer());
        assertEquals(16, s.experiment().totalBatchSize());
        assertEquals(4000, s.experiment().epochs());
    }

    @Test
    void meta178PaperHasThePaperValues() {
        ExperimentSpec s = Presets.load("meta-178-paper");
        assertEquals(ModelType.META_LOW_RANK, s.modelType());
        assertEquals(HyponetConfig.image(5, 256, 128, 128), s.hyponet());
        assertEquals(ComposerConfig.of(1, 256), s.composer());
        assertEquals(MetaConfig.of(2, 0.003), s.meta());
        assertEquals(800, s.experiment().epochs());
    }

    @Test
    void everyPresetReadsWithoutWarnings() {
        for (String name : Presets.names()) {
            ConfigReadResult r = Presets.read(name);
            assertEquals(List.of(), r.warnings(), name);
            assertEquals("preset:" + name, r.spec().source());
        }
    }

    @Test
    void transInrBaselineIsTheImagePresetWithAnotherModelType() {
        ExperimentSpec ours = Presets.load("image-32-small");
        ExperimentSpec baseline = ours.withModelType(ModelType.TRANSINR);
        assertEquals(ModelType.TRANSINR, baseline.modelType());
        assertEquals(ours.hyponet(), baseline.hyponet());
        assertEquals(ours.transformer(), baseline.transformer());
        assertEquals(64 * 4 + 3, baseline.weightGroups().totalGroups(baseline.hyponet()));
    }

    @Test
    void learnedInitBaselineIsTheMetaPresetWithoutFactorization() {
        ExperimentSpec li = Presets.load("meta-32-small").withModelType(ModelType.LEARNED_INIT);
        assertFalse(li.meta().useFactorization());
        assertEquals(0.003, li.meta().innerLr());
        assertEquals(2, li.meta().nInnerStep());
        assertTrue(li.withModelType(ModelType.META_LOW_RANK).meta().useFactorization());
    }

    @Test
    void metaPresetCannotBecomeATransformerModel() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Presets.load("meta-32-small").withModelType(ModelType.TRANSINR));
        assertEquals("arch.n_weight_groups", e.path());
    }

    @Test
    void unknownPresetListsTheNames() {
        ConfigException e = assertThrows(ConfigException.class, () -> Presets.load("image-64"));
        assertTrue(e.getMessage().contains("image-64"), e.getMessage());
        assertTrue(e.getMessage().contains("image-32-small"), e.getMessage());
    }
}
