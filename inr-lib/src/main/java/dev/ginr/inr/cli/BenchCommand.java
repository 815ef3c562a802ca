package dev.ginr.inr.cli;

import ai.djl.Device;
import dev.ginr.inr.bench.BenchReport;
import dev.ginr.inr.bench.BenchSettings;
import dev.ginr.inr.bench.BenchSuite;
import dev.ginr.inr.config.ModelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ginr bench}: the matmul peak, training throughput and memory of every model, the modulated-MLP step against
 * the peak, and inference latency, in one process; prints a table and writes CSV.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput, efficiency against this machine's matmul peak, memory and inference "
                + "latency (synthetic images of the presets' sizes).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "small", paramLabel = "NAME",
            description = "small (32x32 presets, 20 + 200 steps per model: a few minutes on 2 cores), paper "
                    + "(178x178, a few steps) or all; default small")
    String preset;

    @Option(names = "--csv", defaultValue = "bench.csv", paramLabel = "FILE", description = "CSV output (default "
            + "bench.csv)")
    Path csv;

    @Option(names = "--soak", paramLabel = "N", description = "the long memory soak at the small presets: 100 "
            + "untimed steps, then N timed steps in 10 windows (--soak 2000: 18-30 min on 2 cores)")
    Integer soak;

    @Option(names = "--warmup", paramLabel = "N", description = "untimed steps at the small presets (default 20)")
    Integer warmup;

    @Option(names = "--steps", paramLabel = "N", description = "timed steps at the small presets (default 200)")
    Integer steps;

    @Option(names = "--windows", paramLabel = "N", description = "windows the timed steps are cut into (default 4)")
    Integer windows;

    @Option(names = "--paper-steps", paramLabel = "N", description = "timed steps per model at the paper presets "
            + "(default 2, after 1 warm-up)")
    Integer paperSteps;

    @Option(names = "--models", split = ",", paramLabel = "TYPE",
            description = "model types to measure (default: all four; unbuilt ones show as not available)")
    List<String> models;

    @Mixin
    DeviceOption device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "engine intra-op threads (default 0: the engine's choice, one per core)")
    int threads;

    @Override
    public Integer call() {
        Device on = device.resolve();
        BenchSettings s = BenchSettings.named(preset);
        if (soak != null) {
            s = s.withLongSoak(soak);
        }
        if (warmup != null || steps != null || windows != null) {
            s = s.withSoak(warmup != null ? warmup : s.warmupSteps(), steps != null ? steps : s.soakSteps(),
                    windows != null ? windows : s.windows());
        }
        if (paperSteps != null) {
            s = s.withPaperSteps(s.paperWarmup(), paperSteps);
        }
        if (models != null) {
            s = s.withModels(models.stream().map(m -> ModelType.fromYaml("--models", m)).toList());
        }
        BenchReport report = BenchSuite.run(s, threads, on, line -> System.err.println("bench: " + line));
        System.out.print(report.table());
        report.writeCsv(csv);
        System.out.println("csv: " + csv.toAbsolutePath());
        return 0;
    }
}
