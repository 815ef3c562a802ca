package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.nn.ParameterSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Trains any {@link GeneralizableInr} on a {@link SignalSet} of any kind: seeded mini-batches, Adam with a
 * learning-rate schedule and optional gradient-norm clipping, periodic held-out PSNR, atomic checkpoints into a locked
 * {@link RunFolder}, exact resume, and a stop on a non-finite loss that leaves the last good checkpoint intact. The
 * steps themselves are the library's one {@link StepLoop}; each step asks the set for its batch ({@link QueryBatch}:
 * the observation, the queries with the kind's training-time noise, the targets), lets the model predict the
 * per-instance weights from the observation, renders them at the queries and takes the per-instance MSE.
 *
 * <p>The engine is re-seeded with (seed, step) at every step, so dropout, noise and data order of a resumed run equal
 * those of a straight run. Host round trips happen only at logging, evaluation and checkpoint steps. A thread
 * interrupt or a {@link StopRequest} stops training at the next step boundary, with a checkpoint when a run folder
 * is set.
 */
public final class Trainer implements AutoCloseable {

    private final GeneralizableInr model;
    private final TrainingPlan plan;
    private final Map<String, String> provenance;
    private final Adam adam;
    private long stepsDone;
    private Path resumedFrom;
    private StopRequest stop = new StopRequest();
    private UnaryOperator<NDArray> lossTransform = UnaryOperator.identity();
    private GradientProbe probe;
    /** Every per-step host-to-engine copy goes through here, so that no step leaves native memory for the GC. */
    private final HostStaging staging = new HostStaging();

    /**
     * @param provenance metadata stored with every checkpoint (for example the config as YAML)
     */
    public Trainer(GeneralizableInr model, TrainingPlan plan, Map<String, String> provenance) {
        this.model = model;
        this.plan = plan;
        this.provenance = Map.copyOf(provenance);
        this.adam = new Adam(model.parameters().manager(), plan.beta1(), plan.beta2(), 1e-8, plan.weightDecay());
    }

    public GeneralizableInr model() {
        return model;
    }

    public long stepsDone() {
        return stepsDone;
    }

    /** Fault injection for tests and demos: transforms the loss before backward (e.g. to inject a NaN). */
    public void setLossTransform(UnaryOperator<NDArray> transform) {
        this.lossTransform = transform;
    }

    /**
     * Sees every step's loss and gradients after back-propagation, before the update (device comparisons, tests);
     * null for none. What it reads goes back to the host, so a training run leaves it unset.
     */
    public void setGradientProbe(GradientProbe probe) {
        this.probe = probe;
    }

    /** Where a stop may be requested from another thread (a signal handler, a user interface). */
    public void setStopRequest(StopRequest request) {
        this.stop = request;
    }

    /**
     * Trains up to {@code plan.steps()} steps in all on signals on a grid (images, audio); {@code test} and
     * {@code runDir} may be null. The run folder is locked for the whole training ({@link RunFolder#lock}).
     */
    public TrainingResult train(SignalBatch train, SignalBatch test, Path runDir, ProgressListener listener) {
        return train(new GridSignals(train), test == null ? null : new GridSignals(test), runDir, listener);
    }

    /**
     * Trains up to {@code plan.steps()} steps in all on signals of any kind; {@code test} and {@code runDir} may be
     * null. The run folder is locked for the whole training ({@link RunFolder#lock}).
     */
    public TrainingResult train(SignalSet train, SignalSet test, Path runDir, ProgressListener listener) {
        try (RunFolder folder = runDir == null ? null : RunFolder.lock(runDir)) {
            return train(train, test, folder, listener);
        }
    }

    private TrainingResult train(SignalSet train, SignalSet test, RunFolder folder, ProgressListener listener) {
        Run run = new Run(train, test, folder, listener);
        long start = stepsDone;
        StepLoop.Outcome out = new StepLoop(model.parameters(), adam, plan.logEvery(), stop).run(stepsDone,
                plan.steps(), run, listener);
        stepsDone = out.stepsDone();
        return run.finish(out, start);
    }

    /** One call of {@link #train}: its steps as the step loop runs them, its evaluations and checkpoints. */
    private final class Run implements StepLoop.Step {
        private final SignalSet train;
        private final BatchSampler sampler;
        private final SignalSet test;
        private final CheckpointWriter writer;
        private final ProgressListener listener;
        private final List<double[]> evaluations = new ArrayList<>();

        Run(SignalSet train, SignalSet test, RunFolder folder, ProgressListener listener) {
            this.train = train;
            this.sampler = new BatchSampler(train.count(), plan.batchSize(), plan.seed());
            this.writer = folder == null ? null : new CheckpointWriter(folder.checkpoint(), train);
            this.test = test;
            this.listener = listener;
        }

        @Override
        public double learningRate(long step) {
            return plan.learningRateAt(step);
        }

        @Override
        public StepLoop.StepLoss compute(long step, ParameterSet.Bound p, NDManager scope) {
            GinrEngine.seed(plan.seed() * 1_000_003L + step);
            QueryBatch batch = train.trainingBatch(sampler.indices(step), step, plan, scope, staging);
            Map<Integer, NDArray> weights = model.instanceWeights(p, batch.observed(), true);
            NDArray mse = Metrics.perInstanceMse(batch.render(model, p, weights), batch.targets()); // (B)
            NDArray loss = lossTransform.apply(mse.mean());
            return new StepLoop.StepLoss(loss, loss, mse);
        }

        @Override
        public void afterBackward(long step, StepLoop.StepLoss loss, NDManager scope) {
            if (probe != null) {
                probe.onGradients(step, loss.loss(), model.parameters(), scope);
            }
        }

        @Override
        public boolean checksLoss(long step) {
            return writer != null && checkpointDue(step);
        }

        @Override
        public double gradientScale(NDManager scope) {
            return Trainer.this.gradientScale(scope);
        }

        @Override
        public void afterStep(long step) {
            stepsDone = step;
            if (test != null && plan.evalEvery() > 0 && step % plan.evalEvery() == 0) {
                evaluations.add(evaluation(step == plan.steps() ? test
                        : test.duringTraining(sampler.epochsAfter(step)), listener));
            }
            if (writer != null && checkpointDue(step)) {
                writer.saveIfFinite(step);
            }
        }

        /** The checkpoint of an interrupted run, the final evaluation, and the result. */
        TrainingResult finish(StepLoop.Outcome out, long start) {
            if (out.ending() == StepLoop.Ending.INTERRUPTED && writer != null && stepsDone > start) {
                writer.saveIfFinite(stepsDone);
            }
            Path checkpoint = writer == null || writer.last() == null ? resumedFrom : writer.last();
            String stopReason = out.ending() != StepLoop.Ending.NON_FINITE ? out.detail() : out.detail()
                    + "; the last good checkpoint is " + (checkpoint == null ? "none (none was written yet)"
                    : checkpoint);
            if (test != null && out.ending() == StepLoop.Ending.COMPLETED
                    && (evaluations.isEmpty() || evaluations.get(evaluations.size() - 1)[0] != stepsDone)) {
                evaluations.add(evaluation(test, listener));
            }
            listener.onFinish(out.last());
            return new TrainingResult(stepsDone, out.history(), List.copyOf(evaluations), checkpoint, stopReason);
        }
    }

    private boolean checkpointDue(long step) {
        return step == plan.steps() || plan.checkpointEvery() > 0 && step % plan.checkpointEvery() == 0;
    }

    private double[] evaluation(SignalSet test, ProgressListener listener) {
        double psnr = Evaluation.meanPsnr(model, test, plan.batchSize());
        listener.onEvaluation(stepsDone, psnr);
        return new double[] {stepsDone, psnr};
    }

    /** The factor that clips the global gradient norm to {@code maxGradNorm} (1 when off or not exceeded). */
    private double gradientScale(NDManager scope) {
        if (plan.maxGradNorm() <= 0) {
            return 1.0;
        }
        NDArray sumSquares = null; // summed on the device: one read back per step, not one per parameter
        for (String name : model.parameters().trainableNames()) {
            NDArray g = model.parameters().get(name).getGradient();
            g.attach(scope);
            NDArray s = g.square().sum().toType(DataType.FLOAT64, false);
            sumSquares = sumSquares == null ? s : sumSquares.add(s);
        }
        double norm = sumSquares == null ? 0 : Math.sqrt(sumSquares.getDouble());
        return norm > plan.maxGradNorm() ? plan.maxGradNorm() / (norm + 1e-6) : 1.0;
    }

    /** Writes the run's checkpoints, never over a good one with non-finite parameters. */
    private final class CheckpointWriter {
        private final Path file;
        private final String fingerprint;
        private final int signals;
        private Path last;
        private long lastStep = -1;

        CheckpointWriter(Path file, SignalSet train) {
            this.file = file;
            this.fingerprint = train.fingerprint();
            this.signals = train.count();
        }

        Path last() {
            return last;
        }

        void saveIfFinite(long step) {
            if (step == lastStep || !TrainingState.finite(model.parameters())) {
                return;
            }
            Map<String, String> meta = new LinkedHashMap<>(provenance);
            meta.put(Provenance.DATA_FINGERPRINT, fingerprint);
            meta.put(Provenance.DATA_SIGNALS, Integer.toString(signals));
            TrainingState.write(file, model, adam, plan, stepsDone, meta);
            last = file;
            lastStep = step;
        }
    }

    /**
     * Loads parameters, optimiser state and step count from a checkpoint written by this trainer, after checking that
     * it belongs to this model (type, names and shapes) and this plan (the seed; see {@link TrainingState#resume}).
     *
     * @return notices for the user, e.g. a learning rate that differs from the checkpoint's
     */
    public List<String> resume(Path file) {
        TrainingState.Resumed r = TrainingState.resume(file, model, adam, plan);
        stepsDone = r.step();
        resumedFrom = file;
        return r.notices();
    }

    /**
     * Checks, from its header alone, that {@code checkpoint} can be resumed by a run of model {@code modelType} with
     * seed {@code seed} (what {@link #resume} checks first), so a caller can refuse before loading data.
     */
    public static void checkResumable(Path checkpoint, String modelType, long seed) {
        TrainingState.checkResumable(Checkpoint.readMetadata(checkpoint), modelType, seed);
    }

    @Override
    public void close() {
        adam.close();
        staging.close();
    }
}
