package dev.ginr.inr.config;

/**
 * How long and how a run trains (reference path {@code experiment}, plus the reference's {@code --seed}).
 * A run is measured either in epochs (the reference) or in optimiser steps (our small presets); the frequencies
 * count epochs in both cases, as in the reference trainer (an epoch is ceil(training signals / total_batch_size)
 * steps), so a reference config run for a number of steps evaluates as often as the reference would.
 *
 * @param batchSize      signals per forward pass ({@code experiment.batch_size})
 * @param totalBatchSize signals per optimiser step ({@code experiment.total_batch_size}); a multiple of batchSize,
 *                       the rest is gradient accumulation (the reference: 4 GPUs x 4 = 16)
 * @param epochs         run length in epochs, or 0 when measured in steps
 * @param steps          run length in optimiser steps, or 0 when measured in epochs
 * @param seed           the one seed for DJL and the data order ({@code experiment.seed} or top-level {@code seed})
 * @param amp            mixed precision
 * @param saveCkptFreq   checkpoint every this many epochs (0 = only at the end)
 * @param testFreq       evaluate on the held-out split every this many epochs (0 = only at the end; reference 10)
 * @param testImlogFreq  log reconstructions every this many epochs (0 = never)
 */
public record ExperimentConfig(int batchSize, int totalBatchSize, int epochs, int steps, long seed, boolean amp,
                               int saveCkptFreq, int testFreq, int testImlogFreq) {

    public static final String PATH = "experiment";

    public ExperimentConfig {
        ConfigException.require(batchSize >= 1, PATH + ".batch_size", batchSize, "a positive batch size");
        ConfigException.require(totalBatchSize >= batchSize && totalBatchSize % batchSize == 0,
                PATH + ".total_batch_size", totalBatchSize, "a multiple of batch_size = " + batchSize);
        ConfigException.require(epochs >= 0, PATH + ".epochs", epochs, "a non-negative number of epochs");
        ConfigException.require(steps >= 0, PATH + ".steps", steps, "a non-negative number of steps");
        ConfigException.require(epochs > 0 || steps > 0, PATH + ".epochs", epochs,
                "a positive run length (experiment.epochs or experiment.steps)");
        ConfigException.require(epochs == 0 || steps == 0, PATH + ".steps", steps,
                "0 when experiment.epochs is set (" + epochs + "); give the run length one way");
        ConfigException.require(saveCkptFreq >= 0, PATH + ".save_ckpt_freq", saveCkptFreq, "0 or more");
        ConfigException.require(testFreq >= 0, PATH + ".test_freq", testFreq, "0 or more");
        ConfigException.require(testImlogFreq >= 0, PATH + ".test_imlog_freq", testImlogFreq, "0 or more");
    }

    /** A step-measured run without gradient accumulation or mixed precision. */
    public static ExperimentConfig steps(int batchSize, int steps, long seed) {
        return new ExperimentConfig(batchSize, batchSize, 0, steps, seed, false, 0, 0, 0);
    }

    /** Whether the run length and frequencies count optimiser steps (else epochs). */
    public boolean measuredInSteps() {
        return steps > 0;
    }

    /** Forward passes whose gradients are summed per optimiser step. */
    public int gradientAccumulationSteps() {
        return totalBatchSize / batchSize;
    }

    public ExperimentConfig withSteps(int newSteps) {
        return new ExperimentConfig(batchSize, totalBatchSize, 0, newSteps, seed, amp, saveCkptFreq, testFreq,
                testImlogFreq);
    }

    public ExperimentConfig withSeed(long newSeed) {
        return new ExperimentConfig(batchSize, totalBatchSize, epochs, steps, newSeed, amp, saveCkptFreq, testFreq,
                testImlogFreq);
    }
}
