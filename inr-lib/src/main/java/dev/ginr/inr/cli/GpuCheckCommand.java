package dev.ginr.inr.cli;

import ai.djl.Device;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.bench.DeviceComparison;
import dev.ginr.inr.config.ModelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ginr gpu-check}: every model a few steps on two devices (by default the GPU and the CPU) from the same
 * parameters and batches, with their losses and gradients compared and their throughput side by side
 * ({@link DeviceComparison}); exits 1 when a difference exceeds the tolerance. environment/gpu-check.sh runs it.
 */
@Command(name = "gpu-check", mixinStandardHelpOptions = true,
        description = "Run every model a few steps on two devices from the same parameters and batches; print "
                + "steps/s on each, the largest relative difference of losses and gradients, and memory.")
final class GpuCheckCommand implements Callable<Integer> {

    @Option(names = "--device-a", defaultValue = "gpu", paramLabel = "DEVICE",
            description = "the device checked: auto, cpu, gpu or gpu:N (default gpu)")
    String deviceA;

    @Option(names = "--device-b", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "the reference device (default cpu)")
    String deviceB;

    @Option(names = "--models", split = ",", paramLabel = "TYPE",
            description = "model types (default: all four)")
    List<String> models;

    @Option(names = "--steps", defaultValue = "3", paramLabel = "N", description = "compared steps (default 3)")
    int steps;

    @Option(names = "--timed-steps", defaultValue = "20", paramLabel = "N",
            description = "steps timed on each device (default 20; 0: no timing)")
    int timedSteps;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N", description = "signals per step (default 16)")
    int batch;

    @Option(names = "--paper", description = "the 178x178 paper presets instead of the 32x32 small ones")
    boolean paper;

    @Option(names = "--tolerance", defaultValue = "1e-3", paramLabel = "X",
            description = "largest relative difference accepted (default 1e-3)")
    double tolerance;

    @Option(names = "--perturb", defaultValue = "0", paramLabel = "X", description = "scale device B's trainable "
            + "parameters by 1 + X: shows that a real difference is reported (default 0)")
    double perturb;

    @Override
    public Integer call() {
        Device a = GinrEngine.device(deviceA);
        Device b = GinrEngine.device(deviceB);
        List<ModelType> types = models == null ? List.of(ModelType.values())
                : models.stream().map(m -> ModelType.fromYaml("--models", m)).toList();
        DeviceComparison.Settings s = new DeviceComparison.Settings(types, paper, steps, timedSteps, batch, perturb);
        DeviceComparison.Result r = DeviceComparison.run(a, b, s, line -> System.err.println("gpu-check: " + line));
        System.out.println(r.table().printAll());
        String verdict = String.format(Locale.ROOT, "largest relative difference %.3g (tolerance %.3g)",
                r.maxDifference(), tolerance);
        if (!r.agrees(tolerance)) {
            System.err.println("ginr gpu-check: " + DeviceComparison.name(a) + " and " + DeviceComparison.name(b)
                    + " differ: " + verdict);
            return 1;
        }
        System.out.println("gpu-check: " + DeviceComparison.name(a) + " agrees with " + DeviceComparison.name(b)
                + ": " + verdict);
        return 0;
    }
}
