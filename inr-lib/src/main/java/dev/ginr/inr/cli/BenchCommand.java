package dev.ginr.inr.cli;

import dev.ginr.inr.bench.BenchReport;
import dev.ginr.inr.bench.BenchSettings;
import dev.ginr.inr.bench.BenchSuite;
import dev.ginr.inr.config.ModelType;
import picocli.CommandLine.Command;
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
            description = "small (32x32 presets with the memory soak), paper (178x178, a few steps) or all; "
                    + "default small")
    String preset;

    @Option(names = "--csv", defaultValue = "bench.csv", paramLabel = "FILE", description = "CSV output (default "
            + "bench.csv)")
    Path csv;

    @Option(names = "--warmup", paramLabel = "N", description = "untimed steps before the soak (default 100)")
    Integer warmup;

    @Option(names = "--steps", paramLabel = "N", description = "timed soak steps at the small presets (default 2000)")
    Integer steps;

    @Option(names = "--windows", paramLabel = "N", description = "windows the soak is cut into (default 10)")
    Integer windows;

    @Option(names = "--paper-steps", paramLabel = "N", description = "timed steps per model at the paper presets "
            + "(default 2, after 1 warm-up)")
    Integer paperSteps;

    @Option(names = "--models", split = ",", paramLabel = "TYPE",
            description = "model types to measure (default: all four; unbuilt ones show as not available)")
    List<String> models;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "engine intra-op threads (default 0: the engine's choice, one per core)")
    int threads;

    @Override
    public Integer call() {
        BenchSettings s = BenchSettings.named(preset);
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
        BenchReport report = BenchSuite.run(s, threads, line -> System.err.println("bench: " + line));
        System.out.print(report.table());
        report.writeCsv(csv);
        System.out.println("csv: " + csv.toAbsolutePath());
        return 0;
    }
}
