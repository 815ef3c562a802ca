package dev.ginr.inr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each invalid setting fails on reading with its YAML path, its value and its line. */
class ConfigValidationTest {

    private final YamlConfigReader reader = new YamlConfigReader();

    private ConfigException invalid(String preset, String overrides) {
        return assertThrows(ConfigException.class, () -> reader.readOverPreset(preset, overrides, "bad.yaml"));
    }

    private static void assertNames(ConfigException e, String path, String value, int line) {
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(path + " = " + value + " "), e.getMessage());
        assertEquals(line, e.line().getAsInt(), e.getMessage());
    }

    /** The 1-based line of the first preset line containing {@code text}: where a preset value is reported. */
    private static int presetLine(String preset, String text) {
        java.util.List<String> lines = Presets.yaml(preset).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + preset);
    }

    @Test
    void rankAboveTheLayerWidth() {
        ConfigException e = invalid("image-32-small", "arch:\n  rank: [65]\n");
        assertNames(e, "arch.rank", "65", 2);
        assertTrue(e.getMessage().contains("1..64"), e.getMessage());
    }

    @Test
    void modulatedLayerOutOfRange() {
        ConfigException e = invalid("meta-32-small", "arch:\n  modulated_layer_idxs: [5]\n");
        assertNames(e, "arch.modulated_layer_idxs", "[5]", 2);
    }

    @Test
    void unknownArchType() {
        ConfigException e = invalid("image-32-small", "arch:\n  type: hyper_inr\n");
        assertNames(e, "arch.type", "hyper_inr", 2);
        assertTrue(e.getMessage().contains("transinr, meta_low_rank_modulated_inr"), e.getMessage());
    }

    @Test
    void negativeInnerLr() {
        assertNames(invalid("meta-32-small", "arch:\n  inner_lr: -0.003\n"), "arch.inner_lr", "-0.003", 2);
    }

    @Test
    void adamWWeightDecayIsRefusedRatherThanAppliedAsL2() {
        ConfigException e = invalid("image-32-small", "optimizer:\n  type: adamW\n  weight_decay: 0.01\n");
        assertNames(e, "optimizer.weight_decay", "0.01", 3);
        assertTrue(e.getMessage().contains("decoupled"), e.getMessage());
    }

    @Test
    void zeroInnerStepsWithMetaLearning() {
        ConfigException e = invalid("meta-32-small", "arch:\n  n_inner_step: 0\n");
        assertNames(e, "arch.n_inner_step", "0", 2);
        assertTrue(e.getMessage().contains("meta_low_rank_modulated_inr"), e.getMessage());
    }

    @Test
    void patchSizeThatDoesNotDivideThePaddedImage() {
        ConfigException e = invalid("image-32-small",
                "arch:\n  data_encoder:\n    encoder_spec:\n      patch_size: 5\n");
        assertNames(e, "arch.data_encoder.encoder_spec.patch_size", "5", 4);
        assertTrue(e.getMessage().contains("padded image size 32") && e.getMessage().contains("resolution 32")
                && e.getMessage().contains("padding 0"), e.getMessage());
    }

    @Test
    void paddingThatBreaksThePaperPatches() {
        ConfigException e = invalid("image-178-paper", "arch:\n  data_encoder:\n    encoder_spec: {padding: 0}\n");
        assertNames(e, "arch.data_encoder.encoder_spec.patch_size", "9",
                presetLine("image-178-paper", "patch_size: 9"));
        assertTrue(e.getMessage().contains("of preset:image-178-paper"), e.getMessage());
        assertTrue(e.getMessage().contains("178") && e.getMessage().contains("padding 0"), e.getMessage());
    }

    @Test
    void embedDimNotDivisibleByHeads() {
        ConfigException e = invalid("image-32-small", "arch:\n  transformer:\n    block:\n      n_head: 3\n");
        assertNames(e, "arch.transformer.embed_dim", "128", presetLine("image-32-small", "embed_dim: 128"));
        assertTrue(e.getMessage().contains("n_head = 3"), e.getMessage());
    }

    @Test
    void weightGroupsThatDoNotDivideTheLayerWidth() {
        ConfigException e = invalid("image-32-small", "arch:\n  n_weight_groups: [48]\n");
        assertNames(e, "arch.n_weight_groups", "48", 2);
        assertTrue(e.getMessage().contains("width 64"), e.getMessage());
    }

    @Test
    void latentDimDifferentFromEmbedDim() {
        ConfigException e = invalid("image-32-small", "arch:\n  latent_mapping:\n    latent_dim: 96\n");
        assertNames(e, "arch.latent_mapping.latent_dim", "96", 3);
    }

    @Test
    void tokenCountDifferentFromNPatches() {
        ConfigException e = invalid("image-178-paper", "arch:\n  latent_mapping: {n_patches: 100}\n");
        assertNames(e, "arch.latent_mapping.n_patches", "100", 2);
        assertTrue(e.getMessage().contains("400"), e.getMessage());
    }

    @Test
    void ffDimNotSplittableOverTheAxes() {
        ConfigException e = invalid("image-32-small",
                "arch:\n  hyponet:\n    fourier_mapping:\n      ff_dim: 33\n");
        assertNames(e, "arch.hyponet.fourier_mapping.ff_dim", "33", 4);
    }

    @Test
    void unequalHiddenWidths() {
        ConfigException e = invalid("image-32-small", "arch:\n  hyponet:\n    hidden_dim: [64, 32, 64, 64]\n");
        assertNames(e, "arch.hyponet.hidden_dim", "[64, 32, 64, 64]", 3);
    }

    @Test
    void constantScheduleWithWarmup() {
        ConfigException e = invalid("image-32-small", "optimizer:\n  warmup: {steps: 100}\n");
        assertNames(e, "optimizer.schedule", "constant", presetLine("image-32-small", "schedule: constant"));
    }

    @Test
    void betasOutOfRange() {
        assertNames(invalid("image-32-small", "optimizer:\n  betas: [0.9, 1.5]\n"), "optimizer.betas", "1.5", 2);
    }

    @Test
    void totalBatchNotAMultipleOfTheBatch() {
        assertNames(invalid("image-32-small", "experiment:\n  total_batch_size: 20\n"),
                "experiment.total_batch_size", "20", 2);
    }

    @Test
    void unknownCoordNoise() {
        assertNames(invalid("image-32-small", "loss:\n  coord_noise: jitter\n"), "loss.coord_noise", "jitter", 2);
    }

    @Test
    void trainableFourierFeaturesAreRefused() {
        assertNames(invalid("image-32-small", "arch:\n  hyponet:\n    fourier_mapping: {trainable: true}\n"),
                "arch.hyponet.fourier_mapping.trainable", "true", 3);
    }

    @Test
    void recordsValidateWithoutYamlToo() {
        ConfigException e = assertThrows(ConfigException.class, () -> TransformerConfig.of(2, 130, 4));
        assertEquals("arch.transformer.embed_dim", e.path());
        assertTrue(e.line().isEmpty());
        assertThrows(ConfigException.class, () -> new MetaConfig(-1, 0.01, false, true, null, false));
        assertThrows(ConfigException.class, () -> DataEncoderConfig.image(3, 7, 0).imageTokenCount(32));
        assertEquals(400, DataEncoderConfig.image(3, 9, 1).imageTokenCount(178));
        assertEquals(240, DataEncoderConfig.audio(200).audioTokenCount(48000));
    }
}
