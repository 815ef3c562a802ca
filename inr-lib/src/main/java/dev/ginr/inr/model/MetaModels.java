package dev.ginr.inr.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.MetaConfig;

/**
 * Builds the meta-learned models from a spec: composers adapted by the inner loop (ours, on the spec's modulated
 * layers and ranks) and Learned Init (the full weights of {@code arch.modulated_layer_idxs} of a Learned Init config
 * adapted, every layer by default: the paper's baseline).
 */
final class MetaModels {

    private MetaModels() {}

    static GeneralizableInr create(ExperimentSpec spec, NDManager parent, DataType dataType) {
        MetaConfig meta = spec.meta();
        return switch (spec.modelType()) {
            case META_LOW_RANK -> new MetaLearnedComposers(parent, spec.hyponet(), spec.composer(), meta, dataType);
            case LEARNED_INIT -> new LearnedInitBaseline(parent, spec.hyponet(), meta, dataType);
            default -> throw new IllegalArgumentException(spec.modelType() + " is not a meta-learning model");
        };
    }
}
