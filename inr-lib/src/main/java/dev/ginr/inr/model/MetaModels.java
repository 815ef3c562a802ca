package dev.ginr.inr.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.ExperimentSpec;

/** Builds the meta-learned models (composers adapted by an inner loop, and Learned Init). */
final class MetaModels {

    private MetaModels() {}

    static GeneralizableInr create(ExperimentSpec spec, NDManager parent, DataType dataType) {
        throw new ConfigException("arch.type", spec.modelType().yamlName(),
                "low_rank_modulated_transinr or transinr (meta-learning models are not built yet)");
    }
}
