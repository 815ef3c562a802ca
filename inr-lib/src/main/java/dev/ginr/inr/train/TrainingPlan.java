package dev.ginr.inr.train;

import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.LossConfig;

/**
 * How a generalizable INR is trained (the runtime form of the reference's {@code optimizer} and {@code experiment}
 * sections).
 *
 * @param steps            optimiser steps in all
 * @param batchSize        signals per step
 * @param learningRate     peak Adam learning rate
 * @param beta1            Adam beta1
 * @param beta2            Adam beta2
 * @param weightDecay      L2 weight decay added to the gradient
 * @param schedule         constant, warm-up (linear from 0 over {@code warmupSteps}) or cosine (warm-up, then cosine
 *                         decay to {@code minLearningRate} at the last step)
 * @param warmupSteps      warm-up length
 * @param minLearningRate  the floor of the cosine schedule (reference {@code optimizer.warmup.min_lr})
 * @param maxGradNorm      clip the global gradient norm to this value; 0 = no clipping
 * @param coordNoise       training-time coordinate noise of up to half a pixel: none, one shift per instance, or
 *                         per coordinate ("coordwise", the reference)
 * @param subsampleRatio   fraction of points rendered per training step (1 = all)
 * @param evalEvery        evaluate mean PSNR on the held-out split every this many steps (0 = only at the end);
 *                         from a spec, {@code experiment.test_freq} epochs
 * @param checkpointEvery  write a checkpoint every this many steps (0 = only at the end); from a spec,
 *                         {@code experiment.save_ckpt_freq} epochs
 * @param logEvery         report progress every this many steps
 * @param seed             drives initialisation, data order, dropout and noise
 */
public record TrainingPlan(int steps, int batchSize, double learningRate, double beta1, double beta2,
                           double weightDecay, Schedule schedule, int warmupSteps, double minLearningRate,
                           double maxGradNorm,
                           LossConfig.CoordNoise coordNoise, double subsampleRatio, int evalEvery, int checkpointEvery,
                           int logEvery, long seed) {

    /** Learning-rate schedules. */
    public enum Schedule { CONSTANT, WARMUP, COSINE }

    public TrainingPlan {
        require(steps >= 1, "steps", steps, "at least 1");
        require(batchSize >= 1, "experiment.batch_size", batchSize, "at least 1");
        require(learningRate > 0 && Double.isFinite(learningRate), "optimizer.init_lr", learningRate, "> 0");
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "optimizer.betas", beta1 + ", " + beta2,
                "values in [0, 1)");
        require(weightDecay >= 0, "optimizer.weight_decay", weightDecay, ">= 0");
        require(coordNoise != null, "loss.coord_noise", null, "none, shift or coordwise");
        require(schedule != null, "optimizer.warmup.mode", null, "constant, warmup or cosine");
        require(warmupSteps >= 0, "optimizer.warmup.steps", warmupSteps, ">= 0");
        require(minLearningRate >= 0 && minLearningRate <= learningRate, "optimizer.warmup.min_lr", minLearningRate,
                "in [0, init_lr]");
        require(maxGradNorm >= 0, "optimizer.max_gn", maxGradNorm, ">= 0 (0 = no clipping)");
        require(subsampleRatio > 0 && subsampleRatio <= 1, "loss.subsample.ratio", subsampleRatio, "in (0, 1]");
        require(evalEvery >= 0 && checkpointEvery >= 0, "experiment.test_freq / save_ckpt_freq",
                evalEvery + " / " + checkpointEvery, ">= 0");
        require(logEvery >= 1, "log_every", logEvery, "at least 1");
    }

    /** A plan whose cosine schedule, if any, decays to 0. */
    public TrainingPlan(int steps, int batchSize, double learningRate, double beta1, double beta2, double weightDecay,
                        Schedule schedule, int warmupSteps, double maxGradNorm, LossConfig.CoordNoise coordNoise,
                        double subsampleRatio, int evalEvery, int checkpointEvery, int logEvery, long seed) {
        this(steps, batchSize, learningRate, beta1, beta2, weightDecay, schedule, warmupSteps, 0, maxGradNorm,
                coordNoise, subsampleRatio, evalEvery, checkpointEvery, logEvery, seed);
    }

    private static void require(boolean ok, String path, Object value, String allowed) {
        if (!ok) {
            throw new dev.ginr.inr.config.ConfigException(path, value, allowed);
        }
    }

    /** The reference image set-up: Adam 1e-4, betas (0.9, 0.999), constant LR, coordinate noise, batch 16. */
    public static TrainingPlan reference(int steps, long seed) {
        return new TrainingPlan(steps, 16, 1e-4, 0.9, 0.999, 0, Schedule.CONSTANT, 0, 0, LossConfig.CoordNoise.COORDWISE,
                1, 0, 0, 10, seed);
    }

    /** Plain Adam at a constant learning rate, no coordinate noise, logging every step: for tests and notebooks. */
    public static TrainingPlan constant(int steps, int batchSize, double learningRate, long seed) {
        return new TrainingPlan(steps, batchSize, learningRate, 0.9, 0.999, 0, Schedule.CONSTANT, 0, 0,
                LossConfig.CoordNoise.NONE, 1, 0, 0, 1, seed);
    }

    /**
     * The plan a spec describes for a training set of {@code trainCount} signals: the effective batch is
     * experiment.total_batch_size (gradient accumulation gives the same mean gradient as one larger batch). An epoch
     * is ceil(trainCount / batch) steps; a run measured in epochs, the warm-up in epochs and the evaluation and
     * checkpoint frequencies ({@code test_freq}, {@code save_ckpt_freq}: epochs in the reference trainer, also in a
     * run measured in steps) become steps at that rate.
     */
    public static TrainingPlan from(ExperimentSpec spec, int trainCount) {
        var e = spec.experiment();
        var o = spec.optimizer();
        int batch = e.totalBatchSize();
        int perEpoch = Math.max(1, (trainCount + batch - 1) / batch);
        int steps = e.measuredInSteps() ? e.steps() : e.epochs() * perEpoch;
        Schedule schedule = switch (o.schedule()) {
            case CONSTANT -> Schedule.CONSTANT;
            case WARMUP -> Schedule.WARMUP;
            case COSINE -> Schedule.COSINE;
        };
        int warmup = o.warmup().isEnabled() ? o.warmup().stepsGiven(perEpoch) : 0;
        return new TrainingPlan(steps, batch, o.lr(), o.beta1(), o.beta2(), o.weightDecay(), schedule, warmup,
                o.minLr(), o.gradientClipping().orElse(0), spec.loss().coordNoise(),
                spec.loss().subsample() == LossConfig.Subsample.RANDOM ? spec.loss().subsampleRatio() : 1.0,
                e.testFreq() * perEpoch, e.saveCkptFreq() * perEpoch, Math.max(1, Math.min(50, steps / 20)),
                e.seed());
    }

    public TrainingPlan withSteps(int n) {
        return new TrainingPlan(n, batchSize, learningRate, beta1, beta2, weightDecay, schedule, warmupSteps,
                minLearningRate, maxGradNorm, coordNoise, subsampleRatio, evalEvery, checkpointEvery, logEvery, seed);
    }

    public TrainingPlan withLearningRate(double lr) {
        return new TrainingPlan(steps, batchSize, lr, beta1, beta2, weightDecay, schedule, warmupSteps,
                Math.min(minLearningRate, lr), maxGradNorm, coordNoise, subsampleRatio, evalEvery, checkpointEvery,
                logEvery, seed);
    }

    public TrainingPlan withBatchSize(int b) {
        return new TrainingPlan(steps, b, learningRate, beta1, beta2, weightDecay, schedule, warmupSteps,
                minLearningRate, maxGradNorm, coordNoise, subsampleRatio, evalEvery, checkpointEvery, logEvery, seed);
    }

    /**
     * The same plan with coordinate noise {@code noise}: {@code NONE} makes a step's queries the same on every
     * device (the noise is drawn on the device, and a GPU's generator differs from the CPU's).
     */
    public TrainingPlan withCoordNoise(LossConfig.CoordNoise noise) {
        return new TrainingPlan(steps, batchSize, learningRate, beta1, beta2, weightDecay, schedule, warmupSteps,
                minLearningRate, maxGradNorm, noise, subsampleRatio, evalEvery, checkpointEvery, logEvery, seed);
    }

    public TrainingPlan withIntervals(int eval, int checkpoint, int log) {
        return new TrainingPlan(steps, batchSize, learningRate, beta1, beta2, weightDecay, schedule, warmupSteps,
                minLearningRate, maxGradNorm, coordNoise, subsampleRatio, eval, checkpoint, log, seed);
    }

    /** Learning rate of 1-based step {@code step}. */
    public double learningRateAt(long step) {
        double warm = warmupSteps > 0 && schedule != Schedule.CONSTANT ? Math.min(1.0, (double) step / warmupSteps)
                : 1.0;
        if (schedule != Schedule.COSINE || step <= warmupSteps) {
            return learningRate * warm;
        }
        double t = (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps);
        return minLearningRate + (learningRate - minLearningRate) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t)));
    }
}
