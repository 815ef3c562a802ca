package dev.ginr.inr.config;

import java.util.OptionalInt;

/**
 * The checks across sections of an {@link ExperimentSpec}: each section validates itself on construction, these
 * validate how the sections fit together and that the chosen model type has every section it needs.
 */
final class SpecChecks {

    private SpecChecks() {
    }

    static void check(ModelType type, HyponetConfig hyponet, ComposerConfig composer, WeightGroupsConfig groups,
                      DataEncoderConfig encoder, LatentMappingConfig mapping, TransformerConfig transformer,
                      MetaConfig meta, DatasetConfig dataset) {
        String forType = " for arch.type " + type.yamlName();
        if (type.usesComposers()) {
            ConfigException.require(composer != null, ComposerConfig.LAYERS_PATH, null,
                    "the modulated layer indices and arch.rank" + forType);
        }
        if (composer != null) {
            composer.validateAgainst(hyponet);
        }
        if (type == ModelType.TRANSINR) {
            ConfigException.require(groups != null, WeightGroupsConfig.GROUPS_PATH, null,
                    "the number of weight groups" + forType);
        }
        if (groups != null) {
            groups.groupsByLayer(hyponet);
        }
        SceneChecks.check(type, hyponet, encoder, dataset);
        if (type.usesTransformer()) {
            checkTransformerSections(forType, encoder, mapping, transformer, dataset);
        }
        if (type.isMetaLearning()) {
            ConfigException.require(meta != null, MetaConfig.STEPS_PATH, null, "the inner-loop settings" + forType);
        }
        if (type == ModelType.LEARNED_INIT) {
            meta.learnedInitLayers(hyponet);
        }
    }

    private static void checkTransformerSections(String forType, DataEncoderConfig encoder,
                                                 LatentMappingConfig mapping, TransformerConfig transformer,
                                                 DatasetConfig dataset) {
        ConfigException.require(encoder != null, DataEncoderConfig.PATH, null, "a data encoder" + forType);
        ConfigException.require(mapping != null, LatentMappingConfig.PATH, null, "a latent mapping" + forType);
        ConfigException.require(transformer != null, TransformerConfig.PATH, null, "a transformer" + forType);
        ConfigException.require(mapping.latentDim() == transformer.embedDim(), LatentMappingConfig.PATH + ".latent_dim",
                mapping.latentDim(), "arch.transformer.embed_dim = " + transformer.embedDim()
                        + " (the mapped tokens are the transformer's inputs)");
        OptionalInt tokens = tokenCount(encoder, dataset);
        if (tokens.isPresent()) {
            ConfigException.require(mapping.nPatches() == tokens.getAsInt(), LatentMappingConfig.PATH + ".n_patches",
                    mapping.nPatches(), "the tokenizer's token count " + tokens.getAsInt() + " (patch size "
                            + encoder.patchSize() + ", padding " + encoder.padding() + ")");
        }
    }

    /** Tokens per signal, when both the tokenizer and the signal size are known. */
    static OptionalInt tokenCount(DataEncoderConfig encoder, DatasetConfig dataset) {
        if (encoder == null || dataset == null) {
            return OptionalInt.empty();
        }
        if (encoder.kind() == DataEncoderConfig.Kind.UNFOLD && dataset.isScene()) {
            return OptionalInt.of(SceneChecks.tokenCount(encoder, dataset));
        }
        if (encoder.kind() == DataEncoderConfig.Kind.UNFOLD && dataset.isImage()) {
            return OptionalInt.of(encoder.imageTokenCount(dataset.resolution()));
        }
        if (encoder.kind() == DataEncoderConfig.Kind.UNFOLD_AUDIO && dataset.clipSamples() > 0) {
            return OptionalInt.of(encoder.audioTokenCount(dataset.clipSamples()));
        }
        return OptionalInt.empty();
    }
}
