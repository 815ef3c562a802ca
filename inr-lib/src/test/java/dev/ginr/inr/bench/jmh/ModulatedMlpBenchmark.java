package dev.ginr.inr.bench.jmh;

import dev.ginr.inr.bench.HyponetStepBench;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The modulated MLP (hyponet with instance pattern composers) forward + backward, as {@code ginr bench} measures it
 * ({@link HyponetStepBench.Fixture}): batch 16 over a side x side grid with the preset's hyponet and composers.
 * The default side 32 is the small preset; {@code -p preset=image-178-paper -p side=178} is the paper step
 * (tens of seconds per call on 2 cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ModulatedMlpBenchmark {

    @Param({"image-32-small"})
    public String preset;

    @Param({"32"})
    public int side;

    @Param({"16"})
    public int batch;

    private HyponetStepBench.Fixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        ExperimentSpec spec = Presets.load(preset);
        fixture = new HyponetStepBench.Fixture(spec.hyponet(), spec.composer(), batch, side);
    }

    @Benchmark
    public void forwardBackward() {
        fixture.step();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }
}
