package dev.ginr.inr.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.nn.InstancePatternComposers;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;
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
 * The composer product alone: W(n) = V(n) U for a batch of instances, normalised per output column as the hyponet
 * applies it, forward + backward to V and U. Sizes from the preset (small: B 16, V 64 x 64, U 64 x 64; paper:
 * V 256 x 256, U 256 x 256).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ComposerProductBenchmark {

    private static final String V = "bench.composers";

    @Param({"image-32-small", "image-178-paper"})
    public String preset;

    @Param({"16"})
    public int batch;

    private NDManager root;
    private ParameterSet params;
    private InstancePatternComposers composers;
    private ModulatedMlp mlp;
    private int layer;

    @Setup(Level.Trial)
    public void setUp() {
        ExperimentSpec spec = Presets.load(preset);
        composers = new InstancePatternComposers(spec.hyponet(), spec.composer());
        mlp = new ModulatedMlp(spec.hyponet(), composers.layers());
        layer = composers.layers().iterator().next();
        root = GinrEngine.engine().newBaseManager();
        params = new ParameterSet(root, DataType.FLOAT32);
        GinrEngine.seed(0);
        composers.register(params);
        mlp.register(params);
        Shape v = composers.composerShape(layer);
        params.add(V, root.randomNormal(0, 1, new Shape(batch, v.get(0), v.get(1)), DataType.FLOAT32), true);
    }

    @Benchmark
    public void composeNormalizeBackward() {
        try (NDManager scope = params.manager().newSubManager();
             GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
            params.zeroGradients();
            ParameterSet.Bound p = params.bind(scope);
            NDArray w = composers.compose(p, layer, p.get(V)); // (B, fan_in, fan_out)
            gc.backward(mlp.effectiveWeight(p, layer, w)[0].sum());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        params.close();
        root.close();
    }
}
