package dev.ginr.inr.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.HeapTrim;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Models;
import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.inr.train.Trainer;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training throughput and memory of one model, measured through the library's own {@link Trainer} (the same step a
 * user runs: batch sampling, coordinate noise, forward, backward, Adam): {@code warmup} steps that are not timed,
 * then {@code windows} timed windows of {@code windowSteps} steps each. Resident memory (between steps, after a
 * full GC and a heap trim) is read at the end of the warm-up and of every window, the live native array count at the
 * end of the warm-up and after the last window.
 *
 * <p>Times are taken in the trainer's progress callback, which the trainer calls once per logging interval; the
 * logging interval is the greatest common divisor of the warm-up and the window length, so each window boundary is
 * one callback and the per-step work is untouched.
 */
public final class TrainingBench {

    /**
     * @param spec             the experiment measured (its model type and preset sizes)
     * @param batch            signals per step
     * @param points           coordinates rendered per signal
     * @param warmupSteps      untimed steps before the first window
     * @param windowSteps      steps per timed window
     * @param stepsPerSecond   one value per window
     * @param rssAfterWarmup   resident bytes at the end of the warm-up
     * @param rssByWindow      resident bytes at the end of each window, so that a growth shows its shape
     * @param jvmAfterWarmup   bytes the JVM had committed (heap and non-heap) at the end of the warm-up
     * @param jvmAfterRun      the same after the last window
     * @param arraysAfterWarmup live native arrays at the end of the warm-up
     * @param arraysAfterRun   live native arrays after the last window
     * @param flops            analytic FLOPs of one step
     */
    public record Result(ExperimentSpec spec, int batch, long points, int warmupSteps, int windowSteps,
                         WindowStats stepsPerSecond, long rssAfterWarmup, long[] rssByWindow,
                         long jvmAfterWarmup, long jvmAfterRun, int arraysAfterWarmup, int arraysAfterRun,
                         StepFlops flops) {

        /** Resident bytes after the last window. */
        public long rssAfterRun() {
            return rssByWindow[rssByWindow.length - 1];
        }

        public int timedSteps() {
            return windowSteps * stepsPerSecond.samples().length;
        }

        public WindowStats instancesPerSecond() {
            return stepsPerSecond.times(batch);
        }

        public WindowStats coordinatesPerSecond() {
            return stepsPerSecond.times((double) batch * points);
        }

        /** Achieved GFLOP/s of the whole step, per window. */
        public WindowStats gflops() {
            return stepsPerSecond.times(flops.trainingStep() / 1e9);
        }

        /** Resident memory growth from the end of the warm-up to the end of the run, as a fraction. */
        public double rssGrowth() {
            return rssAfterWarmup <= 0 ? Double.NaN : (double) (rssAfterRun() - rssAfterWarmup) / rssAfterWarmup;
        }
    }

    private TrainingBench() {}

    /** Builds the spec's model (seeded) and measures it on {@code data}. */
    public static Result run(ExperimentSpec spec, SignalBatch data, int batch, int warmupSteps, int windows,
                             int windowSteps) {
        return run(spec, data, batch, warmupSteps, windows, windowSteps, null);
    }

    /** As {@link #run(ExperimentSpec, SignalBatch, int, int, int, int)} on {@code device} (null: the default). */
    public static Result run(ExperimentSpec spec, SignalBatch data, int batch, int warmupSteps, int windows,
                             int windowSteps, ai.djl.Device device) {
        if (warmupSteps < 1 || windows < 1 || windowSteps < 1) {
            throw new IllegalArgumentException("warm-up, windows and window steps must be at least 1, got "
                    + warmupSteps + ", " + windows + ", " + windowSteps);
        }
        int total = warmupSteps + windows * windowSteps;
        TrainingPlan plan = TrainingPlan.from(spec, data.count()).withSteps(total).withBatchSize(batch)
                .withIntervals(0, 0, gcd(warmupSteps, windowSteps));
        Clock clock = new Clock(warmupSteps, windowSteps, total);
        try (NDManager manager = device == null ? GinrEngine.engine().newBaseManager()
                : GinrEngine.engine().newBaseManager(device)) {
            GinrEngine.seed(spec.experiment().seed());
            try (GeneralizableInr model = Models.create(spec, manager, DataType.FLOAT32);
                 Trainer trainer = new Trainer(model, plan, Map.of())) {
                TrainingResult r = trainer.train(data, null, null, clock);
                if (!r.completed()) {
                    throw new IllegalStateException(spec.modelType().yamlName() + " stopped: " + r.stopReason());
                }
            }
        }
        return new Result(spec, batch, data.points(), warmupSteps, windowSteps,
                new WindowStats(clock.rates.stream().mapToDouble(Double::doubleValue).toArray()), clock.rssWarm,
                clock.rssByWindow.stream().mapToLong(Long::longValue).toArray(), clock.jvmWarm,
                clock.jvmEnd, clock.arraysWarm, clock.arraysEnd, StepFlops.of(spec, batch));
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * Records window times at the window boundaries the trainer reports, and memory at the end of the warm-up and of
     * each window. Memory is read between steps ({@link ProgressListener#afterStep}): after the boundary step's scope
     * closed, a full GC and a trim of the C heap (the trainer trims every {@link HeapTrim#EVERY_STEPS} steps; this
     * trims at the boundaries too, so that every reading is taken in the same state). So the readings differ by what
     * training keeps from step to step, not by one step's temporaries or by how much freed heap the allocator happens
     * to hold at that moment. The time the reading takes is left out of the windows.
     */
    private static final class Clock implements ProgressListener {
        private final int warmup;
        private final int window;
        private final int total;
        private final List<Double> rates = new ArrayList<>();
        private final List<Long> rssByWindow = new ArrayList<>();
        private long windowStart;
        private long rssWarm;
        private long jvmWarm;
        private long jvmEnd;
        private int arraysWarm;
        private int arraysEnd;

        Clock(int warmup, int window, int total) {
            this.warmup = warmup;
            this.window = window;
            this.total = total;
        }

        @Override
        public void onProgress(ProgressEvent e) {
            long now = System.nanoTime();
            long step = e.step();
            if (step > warmup && (step - warmup) % window == 0) {
                rates.add(window / ((now - windowStart) * 1e-9));
            }
        }

        @Override
        public void afterStep(long step) {
            boolean boundary = step == warmup || (step > warmup && (step - warmup) % window == 0);
            if (!boundary) {
                return;
            }
            HeapTrim.trim();
            long rss = ProcessMemory.residentBytesAfterGc();
            if (step == warmup) {
                rssWarm = rss;
                jvmWarm = ProcessMemory.jvmCommittedBytes();
                arraysWarm = GinrEngine.liveNativeArrays();
            } else {
                rssByWindow.add(rss);
            }
            if (step == total) {
                jvmEnd = ProcessMemory.jvmCommittedBytes();
                arraysEnd = GinrEngine.liveNativeArrays();
            }
            windowStart = System.nanoTime(); // the next window starts after this reading: it is not timed
        }
    }
}
