package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import dev.ginr.inr.config.MetaConfig;
import dev.ginr.inr.nn.ParameterSet;

import java.util.List;
import java.util.Map;

/**
 * A generalizable INR whose per-instance weights come from an inner adaptation loop (Algorithm 1) rather than a
 * hypernetwork: {@link MetaLearnedComposers} (ours) and {@link LearnedInitBaseline}. Its shared parameters,
 * including the learned initialisation, are trained by an outer optimiser through the inner loop.
 */
public interface MetaLearner extends GeneralizableInr {

    InnerLoop innerLoop();

    default MetaConfig metaConfig() {
        return innerLoop().settings();
    }

    /** Runs the inner loop on the observed signals (second order while training, unless first order is set). */
    @Override
    default Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Observation observed, boolean training) {
        return innerLoop().adapt(p, observed, training, null);
    }

    /** The inner loop without outer updates, recording the output (B, P, C) before every inner step. */
    default Map<Integer, NDArray> adapt(ParameterSet.Bound p, Observation observed, List<NDArray> predictionsByStep) {
        return innerLoop().adapt(p, observed, false, predictionsByStep);
    }

    /** The learned initialisation's hyponet weights before any inner step, repeated over {@code batchSize}. */
    default Map<Integer, NDArray> initialWeights(ParameterSet.Bound p, long batchSize) {
        return innerLoop().initialWeights(p, batchSize);
    }
}
