package dev.ginr.inr.train;

import ai.djl.ndarray.NDManager;
import dev.ginr.inr.data.HostStaging;

/**
 * The signals of one split, of any kind, as the {@link Trainer} and the {@link Evaluation} use them: how many there
 * are, a fingerprint for checkpoints, the batch of a training step and the batches of an evaluation.
 * {@link GridSignals} holds images or audio, {@link SceneSignals} multi-view scenes.
 */
public interface SignalSet {

    /** Signals in the set; an epoch visits each once (for scenes: objects x {@code repeat}). */
    int count();

    /** "sha256:" and the hex digest of the set's data, recorded with every checkpoint. */
    String fingerprint();

    /**
     * The training batch of 1-based step {@code step}: the signals {@code indices} (drawn by the trainer from the
     * seed and the step), with the kind's training-time choices drawn from (seed, step), so that a resumed run sees
     * the batches of a straight run. Everything belongs to {@code scope}; host values reach it through
     * {@code staging}.
     */
    QueryBatch trainingBatch(int[] indices, long step, TrainingPlan plan, NDManager scope, HostStaging staging);

    /** Signals [from, to) with every query and without randomness, for evaluation. */
    QueryBatch evaluationBatch(int from, int to, NDManager scope, HostStaging staging);

    /**
     * The set a held-out evaluation during training uses after {@code epochsDone} completed epochs: this set, or a
     * cheaper one where the kind's config asks for it (scenes with {@code experiment.subsample_during_eval}).
     */
    default SignalSet duringTraining(long epochsDone) {
        return this;
    }
}
