package dev.ginr.inr.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.DataEncoderConfig;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.nn.PatchTokenizer;

/** Builds the generalizable INR an {@link ExperimentSpec} names, with freshly initialised parameters. */
public final class Models {

    private Models() {}

    /** A new model in {@code parent}; the engine should be seeded first for reproducible initialisation. */
    public static GeneralizableInr create(ExperimentSpec spec, NDManager parent, DataType dataType) {
        return switch (spec.modelType()) {
            case LOW_RANK_TRANSINR -> new LowRankModulatedTransInr(spec.hyponet(), spec.composer(), tokenizer(spec),
                    spec.transformer(), parent, dataType);
            case TRANSINR -> new TransInrBaseline(spec.hyponet(), spec.weightGroups().groupsByLayer(spec.hyponet()),
                    tokenizer(spec), spec.transformer(), parent, dataType);
            case META_LOW_RANK, LEARNED_INIT -> MetaModels.create(spec, parent, dataType);
        };
    }

    static PatchTokenizer tokenizer(ExperimentSpec spec) {
        DataEncoderConfig enc = spec.dataEncoder();
        if (enc == null || enc.kind() != DataEncoderConfig.Kind.UNFOLD) {
            throw new ConfigException(DataEncoderConfig.PATH + ".type", enc == null ? null : enc.kind().yamlName(),
                    "unfold (2-D image patches); audio and multi-view tokenizers are not implemented yet");
        }
        int side = spec.dataset().resolution();
        return new PatchTokenizer(enc.patchSize(), enc.padding(), enc.nChannel(), side, side);
    }
}
