package dev.ginr.inr.config;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authors' novel view synthesis configs and our NVS presets. */
class NvsConfigTest {

    private final YamlConfigReader reader = new YamlConfigReader();

    private ConfigReadResult authors(String name) throws URISyntaxException {
        return reader.read(Path.of(NvsConfigTest.class.getResource("/configs/nvs/" + name + ".yaml").toURI()));
    }

    @Test
    void authorsOneViewConfigsGiveThePaperPresetsValues() throws Exception {
        Map<String, Integer> repeat = Map.of("chairs", 1, "cars", 2, "lamps", 3);
        for (String category : List.of("chairs", "cars", "lamps")) {
            ExperimentSpec preset = Presets.load("nvs-" + category + "-paper");
            ConfigReadResult oursRead = authors("low_rank_shapenet_" + category);
            ConfigReadResult baselineRead = authors("transinr_shapenet_" + category);
            assertEquals(List.of(), oursRead.warnings(), category);
            assertEquals(List.of(), baselineRead.warnings(), category);
            ExperimentSpec ours = oursRead.spec();
            ExperimentSpec baseline = baselineRead.spec();
            assertSameRun(preset, ours, category);
            assertSameRun(preset, baseline, category);
            assertEquals(ModelType.LOW_RANK_TRANSINR, ours.modelType());
            assertEquals(preset.composer(), ours.composer());
            assertEquals(ComposerConfig.of(1, 256), ours.composer());
            assertEquals(ModelType.TRANSINR, baseline.modelType());
            assertEquals(preset.withModelType(ModelType.TRANSINR).weightGroups(), baseline.weightGroups());
            assertEquals(Map.of(0, 32, 1, 32, 2, 32, 3, 32, 4, 32, 5, 4),
                    baseline.weightGroups().groupsByLayer(baseline.hyponet()));
            SceneConfig scene = ours.dataset().scene();
            assertEquals(category, scene.category());
            assertEquals(new SceneConfig.Views("train_config", 1, 1, repeat.get(category), 0, 25), scene.train());
            assertEquals(new SceneConfig.Views("val_config", 1, 1, 100, 0, Integer.MAX_VALUE), scene.eval());
        }
    }

    /** Everything but the model-specific sections (composer, weight groups) and the source label. */
    private static void assertSameRun(ExperimentSpec preset, ExperimentSpec file, String what) {
        assertEquals(preset.hyponet(), file.hyponet(), what);
        assertEquals(HyponetConfig.nerf(), file.hyponet(), what);
        assertEquals(DataEncoderConfig.image(9, 8, 0), file.dataEncoder(), what);
        assertEquals(LatentMappingConfig.linear(256, 768), file.latentMapping(), what);
        assertEquals(TransformerConfig.of(6, 768, 12), file.transformer(), what);
        assertEquals(preset.transformer(), file.transformer(), what);
        assertEquals(preset.dataset(), file.dataset(), what);
        assertEquals(preset.loss(), file.loss(), what);
        assertEquals(preset.optimizer(), file.optimizer(), what);
        assertEquals(preset.experiment(), file.experiment(), what);
        assertEquals(256, file.tokenCount().getAsInt(), what);
        assertEquals(128, file.dataset().resolution(), what);
        assertFalse(file.dataset().isImage(), what);
        SceneConfig s = file.dataset().scene();
        assertEquals(2, s.near());
        assertEquals(6, s.far());
        assertEquals(128, s.samplesPerRay());
        assertEquals(SceneConfig.RaySampling.ADAPTIVE_RANDOM, s.raySampling());
        assertEquals(128, s.trainRays());
        assertEquals(1, s.adaptiveEpochs());
        assertEquals(1024, s.evalRayChunk());
        assertTrue(s.subsampleDuringEval());
        assertEquals(200, s.testAllRaysFreq());
        assertTrue(s.subsamplesEvaluationAfter(20) && !s.subsamplesEvaluationAfter(200), "all rays every 200 epochs");
        assertTrue(s.eval().allViews());
        assertEquals(100, s.eval().repeat());
        assertEquals(8, file.experiment().batchSize());
        assertEquals(4, file.experiment().gradientAccumulationSteps());
        assertTrue(file.experiment().amp());
        assertEquals(what.equals("lamps") ? 400 : 1000, file.experiment().epochs());
    }

    @Test
    void supportViewsOfThePresetsMatchTheAuthorsMultiViewConfigs() throws Exception {
        ExperimentSpec three = Presets.loadWithSupportViews("nvs-chairs-paper", 3);
        ExperimentSpec file = authors("low_rank_shapenet_chairs_3views").spec();
        assertEquals(768, three.tokenCount().getAsInt());
        assertEquals(3, three.dataset().scene().train().nSupport());
        assertEquals(3, three.dataset().scene().eval().nSupport());
        assertEquals(file.dataset(), three.dataset());
        assertEquals(file.latentMapping(), three.latentMapping());
        assertEquals(file.composer(), three.composer());
        assertEquals(Presets.load("nvs-chairs-paper").dataset().scene().withSupportViews(3), three.dataset().scene());
        for (int k = 1; k <= 5; k++) {
            assertEquals(256 * k, Presets.loadWithSupportViews("nvs-lamps-paper", k).tokenCount().getAsInt());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> Presets.loadWithSupportViews("image-32-small",
                2));
        assertTrue(e.getMessage().contains("support views are a setting of scenes"), e.getMessage());
    }

    @Test
    void theAuthorsFiveViewTransInrChairsConfigIsRefusedWithTheLineAtFault() throws Exception {
        // As published it swaps two numbers: transformer.embed_dim 1280 (5 views x 256 tokens) and n_patches 512.
        ConfigException e = assertThrows(ConfigException.class, () -> authors("transinr_shapenet_chairs_5views"));
        assertEquals("arch.transformer.embed_dim = 1280 is invalid: a multiple of block.n_head = 12 (each head gets "
                + "embed_dim / n_head features) (line 53 of transinr_shapenet_chairs_5views.yaml)", e.getMessage());
        String text = java.nio.file.Files.readString(Path.of(NvsConfigTest.class.getResource(
                "/configs/nvs/transinr_shapenet_chairs_5views.yaml").toURI())).replace("embed_dim: 1280",
                "embed_dim: 768");
        e = assertThrows(ConfigException.class, () -> reader.read(text, "five.yaml"));
        assertEquals("arch.latent_mapping.n_patches", e.path());
        assertTrue(e.getMessage().contains("n_patches = 512 is invalid: the tokenizer's token count 1280"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(line 44 of five.yaml)"), e.getMessage());
    }

    @Test
    void smallPresetIsSizedForTheOfflineSet() {
        for (String name : Presets.sceneNames()) {
            ConfigReadResult r = Presets.read(name);
            assertEquals(List.of(), r.warnings(), name);
        }
        ExperimentSpec s = Presets.load("nvs-small");
        assertEquals("scene_folder", s.dataset().type());
        assertEquals(32, s.dataset().resolution());
        assertEquals(16, s.tokenCount().getAsInt());
        SceneConfig scene = s.dataset().scene();
        assertEquals("chairs", scene.category());
        assertEquals(32, scene.samplesPerRay());
        assertEquals(new SceneConfig.Views("train_config", 1, 1, 1, 0, 25), scene.train());
        assertEquals(HyponetConfig.nerf(4, 64, 60, 8), s.hyponet());
        assertEquals(ComposerConfig.of(1, 64), s.composer());
        assertEquals(64 * 3 + 4, s.withModelType(ModelType.TRANSINR).weightGroups().totalGroups(s.hyponet()));
        assertEquals(2500, s.experiment().steps());
        assertFalse(Presets.names().contains("nvs-small"), "scene presets stay apart until scenes are trainable");
    }

    @Test
    void badSceneSettingsNameThePathTheValueAndTheLine() {
        assertBad("dataset:\n  train_config: {n_support: 0}\n", "dataset.train_config.n_support = 0 is invalid: "
                + "at least 1 support view");
        assertBad("dataset:\n  val_config: {n_support: 2}\n", "dataset.val_config.n_support = 2 is invalid: "
                + "dataset.train_config.n_support = 1");
        assertBad("dataset:\n  train_config: {views_range: [3, 4]}\n", "dataset.train_config.views_range = [3, 4] "
                + "is invalid: a range [from, to) holding at least n_support + n_query = 2 views");
        assertBad("loss:\n  subsample: {type: everything}\n", "loss.subsample.type = everything is invalid: null, "
                + "random or adaptive_random");
        assertBad("arch:\n  data_encoder: {n_channel: 3}\n", "arch.data_encoder.n_channel = 3 is invalid: 9 for "
                + "scenes (RGB + ray origin + ray direction)");
        assertBad("arch:\n  hyponet: {output_dim: 3}\n", "arch.hyponet.output_dim = 3 is invalid: 4 for scenes");
        assertBad("dataset:\n  far: 1.5\n", "dataset.far = 1.5 is invalid: a depth beyond dataset.near = 2.0");
        assertBad("arch:\n  coord_sampler: {num_points_per_ray: 1}\n", "num_points_per_ray = 1 is invalid");
        ConfigException e = assertThrows(ConfigException.class, () -> reader.readOverPreset("nvs-small",
                "dataset:\n  train_config:\n    n_query: 0\n", "bad.yaml"));
        assertTrue(e.getMessage().endsWith("(line 3 of bad.yaml)"), e.getMessage());
    }

    @Test
    void imageConfigsHaveNoSceneSettings() {
        ExperimentSpec s = Presets.load("image-32-small");
        assertNull(s.dataset().scene());
        assertTrue(s.dataset().isImage());
        assertFalse(s.dataset().isScene());
    }

    private void assertBad(String overrides, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.readOverPreset("nvs-chairs-paper", overrides, "bad.yaml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
