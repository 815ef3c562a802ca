package dev.ginr.inr.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.SignalKind;
import dev.ginr.inr.nn.DataTokenizer;

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

    /** The data tokenizer of the spec's signal kind: 2-D patches for images, 1-D patches for audio. */
    static DataTokenizer tokenizer(ExperimentSpec spec) {
        return SignalKind.of(spec).tokenizer(spec.dataEncoder(), spec.dataset());
    }
}
