package dev.ginr.inr.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.HeapTrim;
import dev.ginr.inr.HostAllocator;
import dev.ginr.inr.OpenMpWaitPolicy;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code ginr bench} as a library call: in one process, the matmul peak, training throughput and memory of every
 * model type the library can build (the others are reported as not available, so new models are picked up when
 * they land), the modulated-MLP step at the paper's sizes against the peak, and single-image inference at the paper
 * preset. Training data are {@link SyntheticImages} of the preset's size. Progress lines go to {@code log}; the
 * library itself never prints.
 */
public final class BenchSuite {

    private static final double MIB = 1024.0 * 1024.0;

    /** Matmul products in each short peak window around a timed paper-size step (about 0.1 s each). */
    private static final int PEAK_PRODUCTS_NEXT_TO_STEP = 6;

    /**
     * Untimed modulated-MLP steps at the paper's sizes: the C allocator's heap grows to the step's working set over
     * the first two (measured: 6.2 s, then 4.6 and 4.6 s with one warm-up step).
     */
    private static final int HYPONET_WARMUP_STEPS = 2;

    private BenchSuite() {}

    /**
     * Runs everything {@code s} asks for. {@code threads} > 0 sets the engine's intra-op thread count first (for the
     * whole process): on a shared machine one thread can be much faster than two, because every parallel operation
     * waits for both threads to be scheduled.
     */
    public static BenchReport run(BenchSettings s, int threads, Consumer<String> log) {
        return run(s, threads, null, log);
    }

    /** As {@link #run(BenchSettings, int, Consumer)}, every measurement on {@code device} (null: the default). */
    public static BenchReport run(BenchSettings s, int threads, Device device, Consumer<String> log) {
        GinrEngine.engine();
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
            dev.ginr.inr.train.CoreSharing.pinThreads();
        }
        BenchReport report = new BenchReport();
        environment(report, device);
        log.accept("matmul peak: 1024^3 fp32 products ...");
        WindowStats peak = MatmulPeak.measure(device);
        report.add("peak", "matmul 1024^3", "-", "fp32 peak", "GFLOP/s", peak, "7 windows of 10 products");
        double peakGflops = peak.median();
        if (s.small()) {
            for (ModelType type : s.models()) {
                training(report, s, type, BenchSettings.smallPreset(type), "small", s.warmupSteps(),
                        s.soakSteps() / s.windows(), s.windows(), peakGflops, device, log);
            }
        }
        if (s.paper()) {
            for (ModelType type : s.models()) {
                training(report, s, type, BenchSettings.paperPreset(type), "paper", s.paperWarmup(), 1,
                        s.paperSteps(), peakGflops, device, log);
            }
        }
        hyponetStep(report, s, peakGflops, device, log);
        inference(report, s, device, log);
        report.add("env", "-", "-", "load average at end", "", loadAverage(), "1-minute load (/proc/loadavg)");
        return report;
    }

    private static void environment(BenchReport r, Device device) {
        GinrEngine.engine();
        try (NDManager m = manager(device)) {
            r.note("env", "-", "-", "device " + m.getDevice() + ", engine " + GinrEngine.engine().getEngineName() + " "
                    + GinrEngine.engine().getVersion() + ", " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version"));
        }
        r.add("env", "-", "-", "torch intra-op threads", "", JniUtils.getNumThreads(), "");
        r.add("env", "-", "-", "torch inter-op threads", "", JniUtils.getNumInteropThreads(), "");
        r.add("env", "-", "-", "JVM processors", "", Runtime.getRuntime().availableProcessors(), "");
        r.note("env", "-", "-", "OpenMP wait policy: " + OpenMpWaitPolicy.describe());
        r.note("env", "-", "-", dev.ginr.inr.train.CoreSharing.describe());
        r.note("env", "-", "-", "host allocator: " + HostAllocator.describe());
        r.note("env", "-", "-", "heap trim: " + (HeapTrim.available() ? "glibc's malloc_trim every "
                + HeapTrim.EVERY_STEPS + " training steps" : "not available (no malloc_trim in this C library)"));
        r.add("env", "-", "-", "load average at start", "", loadAverage(), "1-minute load (/proc/loadavg)");
    }

    private static void training(BenchReport r, BenchSettings s, ModelType type, String preset, String scale,
                                 int warmup, int windowSteps, int windows, double peak, Device device,
                                 Consumer<String> log) {
        String model = type.yamlName();
        ExperimentSpec spec;
        try {
            spec = Presets.load(preset).withModelType(type);
            checkBuildable(spec, device);
        } catch (ConfigException e) {
            r.note("train", model, preset, "not available: " + e.getMessage());
            log.accept(model + " @ " + preset + ": not available");
            return;
        }
        log.accept(String.format(Locale.ROOT, "%s @ %s: %d warm-up + %d x %d timed steps, batch %d ...", model,
                preset, warmup, windows, windowSteps, s.batch()));
        SignalBatch data = SyntheticImages.create(Math.max(64, s.batch() * 4), spec.dataset().resolution(), 1);
        TrainingBench.Result t = TrainingBench.run(spec, data, s.batch(), warmup, windows, windowSteps,
                device);
        String note = windows + " windows of " + windowSteps + " steps after " + warmup + " warm-up";
        r.add("train", model, preset, "steps/s", "1/s", t.stepsPerSecond(), note);
        r.add("train", model, preset, "instances/s", "1/s", t.instancesPerSecond(), "batch " + t.batch());
        r.add("train", model, preset, "coordinates/s", "1/s", t.coordinatesPerSecond(), t.points() + " per instance");
        r.add("train", model, preset, "step FLOPs", "GFLOP", t.flops().trainingStep() / 1e9,
                "3 x forward matmuls; hyponet " + BenchReport.format(t.flops().hyponetTrainingStep() / 1e9));
        r.add("train", model, preset, "achieved", "GFLOP/s", t.gflops(), "");
        r.add("train", model, preset, "fraction of peak", "%", t.gflops().times(100 / peak), "of the median peak");
        if (scale.equals("small")) {
            memory(r, model, preset, t);
        }
    }

    private static void memory(BenchReport r, String model, String preset, TrainingBench.Result t) {
        r.add("memory", model, preset, "RSS after warm-up", "MiB", t.rssAfterWarmup() / MIB,
                "after " + t.warmupSteps() + " steps, between steps, full GC and heap trim first");
        r.add("memory", model, preset, "RSS after soak", "MiB", t.rssAfterRun() / MIB,
                "after " + t.timedSteps() + " more steps");
        double growth = t.rssGrowth();
        r.add("memory", model, preset, "RSS growth", "%", 100 * growth,
                growth < BenchSettings.MAX_RSS_GROWTH ? "ok (< 5%)" : "OVER the 5% limit");
        StringBuilder path = new StringBuilder("at the end of each window:");
        for (long b : t.rssByWindow()) {
            path.append(' ').append(Math.round(b / MIB));
        }
        r.add("memory", model, preset, "RSS by window", "MiB", WindowStats.of(
                Arrays.stream(t.rssByWindow()).mapToDouble(b -> b / MIB).toArray()), path.toString());
        r.add("memory", model, preset, "JVM committed growth", "MiB", (t.jvmAfterRun() - t.jvmAfterWarmup()) / MIB,
                "heap + non-heap committed: " + Math.round(t.jvmAfterWarmup() / MIB) + " -> "
                        + Math.round(t.jvmAfterRun() / MIB) + " MiB");
        int a0 = t.arraysAfterWarmup();
        int a1 = t.arraysAfterRun();
        r.add("memory", model, preset, "live native arrays", "", WindowStats.of(a0, a1),
                (a1 == a0 ? "flat: " : "CHANGED: ") + a0 + " -> " + a1);
    }

    private static void hyponetStep(BenchReport r, BenchSettings s, double peak, Device device,
                                    Consumer<String> log) {
        ExperimentSpec spec = Presets.load(Presets.IMAGE_178_PAPER);
        int side = spec.dataset().resolution();
        log.accept("modulated-MLP step at " + side + "x" + side + ", batch " + s.batch() + " ...");
        HyponetStepBench.Result h = HyponetStepBench.run(spec.hyponet(), spec.composer(), s.batch(), side,
                HYPONET_WARMUP_STEPS, s.hyponetSteps(), PEAK_PRODUCTS_NEXT_TO_STEP, device);
        String preset = Presets.IMAGE_178_PAPER;
        String what = "hyponet " + spec.hyponet().nLayer() + " x " + spec.hyponet().hiddenDim() + " with composers";
        r.add("hyponet", what, preset, "step time", "s", h.secondsPerStep(),
                "forward + backward, no optimiser; " + HYPONET_WARMUP_STEPS + " warm-up steps");
        r.add("hyponet", what, preset, "step FLOPs", "GFLOP", h.flops() / 1e9, "3 x forward matmuls");
        r.add("hyponet", what, preset, "achieved", "GFLOP/s", h.gflops(), "");
        r.add("hyponet", what, preset, "peak next to step", "GFLOP/s", h.peakGflops(),
                PEAK_PRODUCTS_NEXT_TO_STEP + " products of 1024^3 before and after each step, averaged");
        r.add("hyponet", what, preset, "fraction of peak", "%", h.percentOfPeak(),
                "each step over the peak next to it; issue 19 asks >= 60%");
        r.add("hyponet", what, preset, "fraction of run peak", "%", h.gflops().times(100 / peak),
                "over the peak measured at the start of the run");
    }

    private static void inference(BenchReport r, BenchSettings s, Device device, Consumer<String> log) {
        ExperimentSpec spec = Presets.load(Presets.IMAGE_178_PAPER);
        String model = spec.modelType().yamlName();
        log.accept("inference: one " + spec.dataset().resolution() + "x" + spec.dataset().resolution()
                + " image with " + model + " ...");
        InferenceBench i = InferenceBench.run(spec, 4.0, 1, s.inferenceReps(), device);
        String preset = Presets.IMAGE_178_PAPER;
        int sr = (int) Math.round(i.side() * i.upsample());
        r.add("infer", model, preset, "predict weights", "ms", i.predictSeconds().times(1000), "1 image");
        r.add("infer", model, preset, "reconstruct", "ms", i.reconstructSeconds().times(1000),
                "weights + " + i.side() + "x" + i.side() + " render + host copy");
        r.add("infer", model, preset, "reconstruct 4x", "ms", i.superResolutionSeconds().times(1000),
                "weights + " + sr + "x" + sr + " render + host copy");
    }

    /** Builds and frees the model once, so that a type the library cannot build yet fails here, not mid-run. */
    private static void checkBuildable(ExperimentSpec spec, Device device) {
        try (NDManager m = manager(device);
             GeneralizableInr model = Models.create(spec, m, DataType.FLOAT32)) {
            model.type();
        }
    }

    private static NDManager manager(Device device) {
        return device == null ? GinrEngine.engine().newBaseManager() : GinrEngine.engine().newBaseManager(device);
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
