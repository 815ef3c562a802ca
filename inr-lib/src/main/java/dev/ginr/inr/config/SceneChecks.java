package dev.ginr.inr.config;

/**
 * The cross-section checks of a novel view synthesis config (data that are {@link DatasetConfig#isScene()
 * scenes}): a transformer model (ours or TransINR, as the authors' NeRF code), the hyponet maps a 3-D point to RGB and density, the tokenizer reads 9-channel support views (RGB, ray
 * origin, ray direction) that its patches tile, and there are {@code n_support} views' worth of tokens.
 */
final class SceneChecks {

    /** RGB, ray origin, ray direction per pixel of a support view. */
    static final int SUPPORT_VIEW_CHANNELS = 9;

    private SceneChecks() {}

    static void check(ModelType type, HyponetConfig hyponet, DataEncoderConfig encoder, DatasetConfig dataset) {
        if (!dataset.isScene()) {
            return;
        }
        ConfigException.require(type.usesTransformer(), "arch.type", type.yamlName(),
                "low_rank_modulated_transinr_nerf or transinr_nerf for scenes (meta-learning is implemented for "
                        + "images and audio, not for novel view synthesis)");
        ConfigException.require(hyponet.inputDim() == 3, HyponetConfig.PATH + ".input_dim", hyponet.inputDim(),
                "3 for scenes (the hyponet reads 3-D points)");
        ConfigException.require(hyponet.outputDim() == 4, HyponetConfig.PATH + ".output_dim", hyponet.outputDim(),
                "4 for scenes (RGB and density)");
        if (encoder != null) {
            ConfigException.require(encoder.kind() == DataEncoderConfig.Kind.UNFOLD, DataEncoderConfig.PATH + ".type",
                    encoder.kind().yamlName(), "unfold for scenes (patches of the support views)");
            ConfigException.require(encoder.nChannel() == SUPPORT_VIEW_CHANNELS, DataEncoderConfig.PATH
                    + ".n_channel", encoder.nChannel(), "9 for scenes (RGB + ray origin + ray direction)");
        }
    }

    /** Tokens of one scene: n_support views, each cut into patches. */
    static int tokenCount(DataEncoderConfig encoder, DatasetConfig dataset) {
        return dataset.scene().train().nSupport() * encoder.imageTokenCount(dataset.resolution());
    }
}
