package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;

import java.util.Map;

/**
 * One batch of signals of any kind as a training step or an evaluation uses it (DESIGN.md, "one signal
 * abstraction"): what the model observes, the values it must predict at the batch's queries, and how a hyponet is
 * rendered at those queries. The loss is always the per-instance MSE between {@link #render} and {@link #targets}.
 *
 * <ul>
 *   <li>signals on a grid (images, audio; {@link GridSignals}): the model observes the signals; the queries are the
 *       grid's coordinates (while training, a seeded subset moved by coordinate noise), rendered by the hyponet
 *       itself;</li>
 *   <li>scenes ({@link SceneSignals}): the model observes the support views with their rays; the queries are rays
 *       of the query views (while training, a seeded subset), rendered by stratified sampling, the hyponet and
 *       volume rendering with jittered depths, in chunks of rays.</li>
 * </ul>
 */
public interface QueryBatch {

    /** What the model sees of the batch: the hypernetwork's input, or the inner loop's signal. */
    Observation observed();

    /** The values at the queries, (B, R, C). */
    NDArray targets();

    /**
     * The predictions at the queries of hyponets with the given per-instance weights, (B, R, C). A training batch
     * draws its randomness here (coordinate noise, depth jitter), after the model ran, from the engine's generator.
     */
    NDArray render(GeneralizableInr model, ParameterSet.Bound p, Map<Integer, NDArray> instanceWeights);
}
