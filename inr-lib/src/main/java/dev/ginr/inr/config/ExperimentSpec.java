package dev.ginr.inr.config;

import java.util.OptionalInt;

/**
 * One complete, validated experiment: the model and every section of a reference-style YAML config. Sections a
 * model type does not use may be null (the transformer sections for meta-learning, {@code meta} for the transformer
 * models); a preset carries both the composer and the TransINR weight groups so that ours and its baseline can be
 * run from the same preset with {@link #withModelType}.
 *
 * <p>Construction checks every section against the others (see {@link SpecChecks}): rank against the layer widths,
 * weight groups against the widths, patch size against the padded image, tokens against
 * {@code latent_mapping.n_patches}, latent_dim against embed_dim, inner steps for meta-learning.
 *
 * @param source        where it came from: a file name, {@code preset:<name>}, or a label given by the caller
 * @param modelType     which of the four models ({@code arch.type})
 * @param hyponet       the coordinate MLP ({@code arch.hyponet})
 * @param composer      the instance pattern composers ({@code arch.rank}, {@code arch.modulated_layer_idxs}), or null
 * @param weightGroups  TransINR's weight groups ({@code arch.n_weight_groups}), or null
 * @param dataEncoder   the tokenizer ({@code arch.data_encoder}), or null
 * @param latentMapping tokens to transformer inputs ({@code arch.latent_mapping}), or null
 * @param transformer   the transformer ({@code arch.transformer}), or null
 * @param meta          the inner loop ({@code arch.n_inner_step}, {@code arch.inner_lr}), or null
 * @param dataset       the signals ({@code dataset})
 * @param loss          the loss ({@code loss})
 * @param optimizer     the outer optimiser ({@code optimizer})
 * @param experiment    run length, batch, seed, frequencies ({@code experiment})
 */
public record ExperimentSpec(String source, ModelType modelType, HyponetConfig hyponet, ComposerConfig composer,
                             WeightGroupsConfig weightGroups, DataEncoderConfig dataEncoder,
                             LatentMappingConfig latentMapping, TransformerConfig transformer, MetaConfig meta,
                             DatasetConfig dataset, LossConfig loss, OptimizerConfig optimizer,
                             ExperimentConfig experiment) {

    public ExperimentSpec {
        source = source == null ? "<unnamed>" : source;
        ConfigException.require(modelType != null, "arch.type", null, "one of " + ModelType.allowed());
        ConfigException.require(hyponet != null, HyponetConfig.PATH, null, "a hyponet section");
        ConfigException.require(dataset != null, DatasetConfig.PATH, null, "a dataset section");
        ConfigException.require(loss != null, LossConfig.PATH, null, "a loss section");
        ConfigException.require(optimizer != null, OptimizerConfig.PATH, null, "an optimizer section");
        ConfigException.require(experiment != null, ExperimentConfig.PATH, null, "an experiment section");
        if (meta != null && modelType.isMetaLearning()) {
            meta = meta.withUseFactorization(modelType == ModelType.META_LOW_RANK);
        }
        SpecChecks.check(modelType, hyponet, composer, weightGroups, dataEncoder, latentMapping, transformer, meta,
                dataset);
    }

    /**
     * The same experiment with another model, e.g. the TransINR baseline of an image preset
     * ({@code Presets.load("image-32-small").withModelType(ModelType.TRANSINR)}) or Learned Init of a meta preset.
     *
     * @throws ConfigException when the spec lacks a section the other model needs
     */
    public ExperimentSpec withModelType(ModelType type) {
        return new ExperimentSpec(source, type, hyponet, composer, weightGroups, dataEncoder, latentMapping,
                transformer, meta, dataset, loss, optimizer, experiment);
    }

    public ExperimentSpec withExperiment(ExperimentConfig e) {
        return new ExperimentSpec(source, modelType, hyponet, composer, weightGroups, dataEncoder, latentMapping,
                transformer, meta, dataset, loss, optimizer, e);
    }

    public ExperimentSpec withOptimizer(OptimizerConfig o) {
        return new ExperimentSpec(source, modelType, hyponet, composer, weightGroups, dataEncoder, latentMapping,
                transformer, meta, dataset, loss, o, experiment);
    }

    public ExperimentSpec withDataset(DatasetConfig d) {
        return new ExperimentSpec(source, modelType, hyponet, composer, weightGroups, dataEncoder, latentMapping,
                transformer, meta, d, loss, optimizer, experiment);
    }

    /** Number of data tokens the tokenizer makes from one signal (64 for image-32-small, 400 for 178x178). */
    public OptionalInt tokenCount() {
        return SpecChecks.tokenCount(dataEncoder, dataset);
    }
}
