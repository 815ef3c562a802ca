package dev.ginr.inr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlConfigReaderTest {

    private final YamlConfigReader reader = new YamlConfigReader();

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(YamlConfigReaderTest.class.getResource("/configs/" + name).toURI());
    }

    @Test
    void referenceImagenetteConfigLoadsWithThePaperValues() throws Exception {
        ConfigReadResult r = reader.read(resource("imagenette178_low_rank_modulated_transinr.yaml"));
        ExperimentSpec s = r.spec();
        assertEquals(List.of(), r.warnings());
        assertEquals("imagenette178_low_rank_modulated_transinr.yaml", s.source());
        assertEquals(ModelType.LOW_RANK_TRANSINR, s.modelType());
        assertEquals("imagenette", s.dataset().type());
        assertEquals(178, s.dataset().resolution());
        assertEquals(400, s.tokenCount().getAsInt());
        assertEquals(DataEncoderConfig.image(3, 9, 1), s.dataEncoder());
        assertEquals(TransformerConfig.of(6, 768, 12), s.transformer());
        assertEquals(LatentMappingConfig.linear(400, 768), s.latentMapping());
        assertEquals(HyponetConfig.image(5, 256, 128, 128), s.hyponet());
        assertEquals(ComposerConfig.of(1, 256), s.composer()); // the rank comes from n_weight_groups here
        assertNull(s.weightGroups());
        assertEquals(OptimizerConfig.adam(1e-4), s.optimizer());
        assertEquals(4, s.experiment().batchSize());
        assertEquals(16, s.experiment().totalBatchSize());
        assertEquals(4, s.experiment().gradientAccumulationSteps());
        assertEquals(4000, s.experiment().epochs());
        assertTrue(s.experiment().amp());
        assertEquals(LossConfig.mse(LossConfig.CoordNoise.COORDWISE), s.loss());
    }

    @Test
    void referenceTransInrSelectsWeightGroupsOnEveryLayer() {
        ExperimentSpec s = reader.readOverPreset("image-178-paper",
                "arch:\n  type: transinr\n  modulated_layer_idxs: null\n  rank: null\n", "transinr.yaml").spec();
        assertEquals(ModelType.TRANSINR, s.modelType());
        assertNull(s.composer());
        assertEquals(Map.of(0, 64, 1, 64, 2, 64, 3, 64, 4, 3), s.weightGroups().groupsByLayer(s.hyponet()));
    }

    @Test
    void referenceMetaTypeWithoutFactorizationIsLearnedInit() {
        String yaml = """
                dataset: {type: imagenette, transforms: {type: imagenette178x178}}
                arch:
                  type: meta_low_rank_modulated_inr
                  rank: [256]
                  modulated_layer_idxs: null
                  use_factorization: false
                  ignore_base_param: true
                  n_inner_step: 2
                  inner_lr: 0.003
                  hyponet: {n_layer: 5, hidden_dim: [256], ff_dim: 128}
                optimizer: {type: adam, init_lr: 0.0001, betas: [0.9, 0.999]}
                experiment: {batch_size: 16, epochs: 800}
                """;
        ConfigReadResult r = reader.read(yaml, "learned_init.yaml");
        assertEquals(ModelType.LEARNED_INIT, r.spec().modelType());
        assertNull(r.spec().composer());
        assertEquals(new MetaConfig(2, 0.003, false, false, null, false), r.spec().meta());
        assertEquals(List.of("unknown key arch.hyponet.ff_dim (line 10 of learned_init.yaml) was ignored"),
                r.warnings());
    }

    @Test
    void learnedInitAliasIsAccepted() {
        ExperimentSpec s = reader.readOverPreset("meta-32-small", "arch: {type: learned-init}", "x.yaml").spec();
        assertEquals(ModelType.LEARNED_INIT, s.modelType());
    }

    @Test
    void audioConfigTokenizesEightyPatchesPerSecond() {
        String yaml = """
                dataset:
                  type: librispeech
                  transforms: {type: librispeech, patch_secs: 1, sampling_rate: 16000, total_secs: -1}
                arch:
                  data_encoder:
                    type: unfold_audio
                    n_channel: 1
                    encoder_spec: {patch_size: 200, padding: 0, use_padding: true}
                  latent_mapping: {n_patches: 80}
                  hyponet:
                    input_dim: 1
                    output_dim: 1
                    output_bias: 0.0
                    fourier_mapping: {ff_sigma: 1024, ff_dim: 2048}
                """;
        ExperimentSpec s = reader.readOverPreset("image-178-paper", yaml, "audio.yaml").spec();
        assertEquals(80, s.tokenCount().getAsInt());
        assertEquals(200, s.dataEncoder().tokenDim());
        assertEquals(4096, s.hyponet().fanIn(0));
    }

    @Test
    void overridesReplaceOnlyTheGivenKeys() {
        ExperimentSpec s = reader.readOverPreset("image-32-small",
                "optimizer:\n  init_lr: 3e-4\nexperiment:\n  steps: 50\n  seed: 7\n", "tiny.yaml").spec();
        assertEquals(3e-4, s.optimizer().lr());
        assertEquals(0.999, s.optimizer().beta2());
        assertEquals(50, s.experiment().steps());
        assertEquals(7, s.experiment().seed());
        assertEquals(16, s.experiment().batchSize());
        assertEquals("preset:image-32-small + tiny.yaml", s.source());
    }

    @Test
    void warmupEpochsAndLowerMinLrMeanCosine() {
        OptimizerConfig o = reader.readOverPreset("image-178-paper",
                "optimizer:\n  schedule: null\n  warmup: {epoch: 5, min_lr: 0.00001}\n  max_gn: 1.0\n", "c.yaml")
                .spec().optimizer();
        assertEquals(LrSchedule.COSINE, o.schedule());
        assertEquals(500, o.warmup().stepsGiven(100));
        assertEquals(1e-5, o.minLr());
        assertEquals(1.0, o.gradientClipping().getAsDouble());
    }

    @Test
    void unknownKeysAreWarningsWithTheirPath() {
        ConfigReadResult r = reader.readOverPreset("image-32-small",
                "arch:\n  hyponet:\n    n_layers: 6\n  foo_bar: {x: 1}\n", "typo.yaml");
        assertEquals(List.of("unknown key arch.hyponet.n_layers (line 3 of typo.yaml) was ignored",
                "unknown key arch.foo_bar (line 4 of typo.yaml) was ignored"), r.warnings());
        assertEquals(5, r.spec().hyponet().nLayer());
    }

    @Test
    void typeErrorNamesPathValueAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> reader.readOverPreset("image-32-small",
                "arch:\n  hyponet:\n    n_layer: five\n", "bad.yaml"));
        assertEquals("arch.hyponet.n_layer", e.path());
        assertEquals(3, e.line().getAsInt());
        assertTrue(e.getMessage().contains("'five'") && e.getMessage().contains("an integer")
                && e.getMessage().contains("line 3 of bad.yaml"), e.getMessage());
    }

    @Test
    void stringWhereANumberBelongsInAFileNamesItsLine() throws Exception {
        String text = java.nio.file.Files.readString(resource("imagenette178_low_rank_modulated_transinr.yaml"));
        List<String> lines = text.lines().toList();
        int expectedLine = lines.indexOf("  init_lr: 0.0001") + 1;
        String broken = text.replace("init_lr: 0.0001", "init_lr: fast");
        ConfigException e = assertThrows(ConfigException.class, () -> reader.read(broken, "lr.yaml"));
        assertEquals("optimizer.init_lr", e.path());
        assertEquals(expectedLine, e.line().getAsInt());
        assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains("line " + expectedLine),
                e.getMessage());
    }

    @Test
    void syntaxErrorReportsItsLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.read("arch:\n  type: transinr\n  rank: [1, 2\nexperiment:\n  batch_size: 4\n", "s.yaml"));
        assertTrue(e.line().isPresent(), e.getMessage());
        assertTrue(e.getMessage().contains("line " + e.line().getAsInt()), e.getMessage());
        assertTrue(e.line().getAsInt() >= 3 && e.line().getAsInt() <= 4, e.getMessage());
    }

    @Test
    void badIndentationReportsItsLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.read("arch:\n  type: transinr\n bad: 1\n", "indent.yaml"));
        assertEquals(3, e.line().getAsInt(), e.getMessage());
    }

    @Test
    void duplicateKeyNamesBothLines() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.read("arch:\n  rank: [1]\n  rank: [2]\n", "dup.yaml"));
        assertEquals("arch.rank", e.path());
        assertEquals(3, e.line().getAsInt());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void missingArchTypeListsTheTypes() {
        ConfigException e = assertThrows(ConfigException.class, () -> reader.read("arch: {}\n", "empty.yaml"));
        assertEquals("arch.type", e.path());
        assertTrue(e.getMessage().contains("low_rank_modulated_transinr"), e.getMessage());
    }
}
