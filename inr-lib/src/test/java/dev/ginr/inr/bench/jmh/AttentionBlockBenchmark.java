package dev.ginr.inr.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.config.TransformerConfig;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.nn.TransformerBlock;
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
 * One pre-LN transformer block of the hypernetwork (attention + MLP), forward + backward, in training mode (residual
 * dropout on) over N = data tokens + weight tokens of the preset: small (B 16, N 64 + 64, D 128, 4 heads) by
 * default; {@code -p preset=image-178-paper} gives N 400 + 256, D 768, 12 heads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttentionBlockBenchmark {

    private static final String INPUT = "bench.tokens";

    @Param({"image-32-small"})
    public String preset;

    @Param({"16"})
    public int batch;

    private NDManager root;
    private ParameterSet params;
    private TransformerBlock block;

    @Setup(Level.Trial)
    public void setUp() {
        ExperimentSpec spec = Presets.load(preset);
        TransformerConfig t = spec.transformer();
        int tokens = spec.tokenCount().orElseThrow() + spec.composer().rankByLayer().values().stream()
                .mapToInt(Integer::intValue).sum();
        block = new TransformerBlock("bench.block", t);
        root = GinrEngine.engine().newBaseManager();
        params = new ParameterSet(root, DataType.FLOAT32);
        GinrEngine.seed(0);
        block.register(params);
        params.add(INPUT, root.randomNormal(0, 1, new Shape(batch, tokens, t.embedDim()), DataType.FLOAT32), true);
    }

    @Benchmark
    public void forwardBackward() {
        try (NDManager scope = params.manager().newSubManager();
             GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
            params.zeroGradients();
            ParameterSet.Bound p = params.bind(scope);
            NDArray y = block.apply(p, p.get(INPUT), true); // (B, N, D)
            gc.backward(y.sum());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        params.close();
        root.close();
    }
}
