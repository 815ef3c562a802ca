package dev.ginr.inr.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.nn.InstancePatternComposers;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.train.Metrics;

import java.util.Map;

/**
 * The modulated-MLP training step on its own: composers V (B, fan_in, r) given as trainable inputs (in the model
 * they come from the hypernetwork), W = V U, the hyponet over (B, side side, d) per-instance coordinates, the MSE
 * against random targets, and the backward pass to U, V and every hyponet weight. No optimiser update. This is the
 * part of a training step whose efficiency against the matmul peak the benchmark reports at the paper's sizes; the
 * JMH benchmark of the same kernel uses the same {@link Fixture}.
 */
public final class HyponetStepBench {

    private static final String COMPOSERS = "bench.composers";

    /**
     * @param batch          instances per step
     * @param side           grid side (side x side coordinates per instance)
     * @param secondsPerStep one value per timed step
     * @param peakGflops     the matmul peak measured right next to each timed step (the mean of a short window
     *                       before and one after it), one value per step
     * @param flops          3 x the forward products of one step
     */
    public record Result(int batch, int side, WindowStats secondsPerStep, WindowStats peakGflops, long flops) {

        public WindowStats gflops() {
            return secondsPerStep.reciprocal().times(flops / 1e9);
        }

        /**
         * Achieved GFLOP/s of each step over the peak measured next to it, in percent: a ratio of two figures taken
         * seconds apart, so that the load of a shared machine moves both together.
         */
        public WindowStats percentOfPeak() {
            double[] step = gflops().samples();
            double[] peak = peakGflops.samples();
            double[] out = new double[step.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = 100 * step[i] / peak[i];
            }
            return new WindowStats(out);
        }
    }

    private HyponetStepBench() {}

    /**
     * {@code warmup} untimed steps, then {@code steps} timed ones, each between two short matmul-peak windows
     * ({@code peakProducts} 1024^3 products each).
     */
    public static Result run(HyponetConfig hyponet, ComposerConfig composer, int batch, int side, int warmup,
                             int steps, int peakProducts) {
        return run(hyponet, composer, batch, side, warmup, steps, peakProducts, null);
    }

    /** As {@link #run(HyponetConfig, ComposerConfig, int, int, int, int, int)} on {@code device} (null: default). */
    public static Result run(HyponetConfig hyponet, ComposerConfig composer, int batch, int side, int warmup,
                             int steps, int peakProducts, ai.djl.Device device) {
        double[] seconds = new double[steps];
        double[] peak = new double[steps];
        try (Fixture f = new Fixture(hyponet, composer, batch, side, device)) {
            for (int i = 0; i < warmup; i++) {
                f.step();
            }
            double before = MatmulPeak.measure(device, 1024, 1, 1, peakProducts).median();
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                f.step();
                seconds[i] = (System.nanoTime() - t0) * 1e-9;
                double after = MatmulPeak.measure(device, 1024, 0, 1, peakProducts).median();
                peak[i] = (before + after) / 2;
                before = after;
            }
            return new Result(batch, side, new WindowStats(seconds), new WindowStats(peak), f.flops());
        }
    }

    /** Parameters, composers, coordinates and targets of the step, created once; {@link #step} runs one step. */
    public static final class Fixture implements AutoCloseable {
        private final NDManager root;
        private final ParameterSet params;
        private final ModulatedMlp mlp;
        private final InstancePatternComposers composers;
        private final int layer;
        private final NDArray coords;
        private final NDArray targets;
        private final long flops;

        public Fixture(HyponetConfig hyponet, ComposerConfig composer, int batch, int side) {
            this(hyponet, composer, batch, side, null);
        }

        /** As {@link #Fixture(HyponetConfig, ComposerConfig, int, int)} on {@code device} (null: the default). */
        public Fixture(HyponetConfig hyponet, ComposerConfig composer, int batch, int side, ai.djl.Device device) {
            this.composers = new InstancePatternComposers(hyponet, composer);
            if (composers.layers().size() != 1) {
                throw new IllegalArgumentException("the hyponet step benchmark takes one modulated layer, got "
                        + composers.layers());
            }
            this.layer = composers.layers().iterator().next();
            this.mlp = new ModulatedMlp(hyponet, composers.layers());
            this.root = device == null ? GinrEngine.engine().newBaseManager()
                    : GinrEngine.engine().newBaseManager(device);
            this.params = new ParameterSet(root, DataType.FLOAT32);
            GinrEngine.seed(0);
            mlp.register(params);
            composers.register(params);
            Shape v = composers.composerShape(layer);
            params.add(COMPOSERS, root.randomNormal(0, 1, new Shape(batch, v.get(0), v.get(1)), DataType.FLOAT32),
                    true);
            long points = (long) side * side;
            NDArray grid = CoordinateGrid.create(root, new int[] {side, side}, 1.0, DataType.FLOAT32); // (P, d)
            this.coords = grid.expandDims(0).repeat(0, batch); // (B, P, d), as with coordinate noise
            this.targets = root.randomUniform(0, 1, new Shape(batch, points, hyponet.outputDim()));
            this.flops = 3 * StepFlops.hyponetForward(hyponet, batch, points, composer.rankByLayer());
        }

        /** One forward + backward in its own scope. */
        public void step() {
            try (NDManager scope = params.manager().newSubManager();
                 GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
                params.zeroGradients();
                ParameterSet.Bound p = params.bind(scope);
                Map<Integer, NDArray> w = composers.instanceWeights(p, Map.of(layer, p.get(COMPOSERS)));
                NDArray out = mlp.forward(p, ParameterSet.view(coords, scope), w); // (B, P, C)
                gc.backward(Metrics.perInstanceMse(out, ParameterSet.view(targets, scope)).mean());
                if (root.getDevice().isGpu()) { // kernels run asynchronously there: wait for the backward pass
                    NDArray g = params.get(COMPOSERS).getGradient();
                    g.attach(scope);
                    g.get(0, 0, 0).getFloat();
                }
            }
        }

        /** 3 x the forward products of one step. */
        public long flops() {
            return flops;
        }

        @Override
        public void close() {
            params.close();
            root.close();
        }
    }
}
