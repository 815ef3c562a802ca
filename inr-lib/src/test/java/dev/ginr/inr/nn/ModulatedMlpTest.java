package dev.ginr.inr.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.Activation;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.FourierConfig;
import dev.ginr.inr.config.FourierType;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.WeightInit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModulatedMlpTest {

    /** 3 layers: 8 Fourier features -> 5 -> 5 -> 3, composers of rank 2 on layer 1. */
    private static final HyponetConfig TINY = new HyponetConfig(2, 3, 3, 5, Activation.RELU, 30,
            WeightInit.KAIMING_UNIFORM, 0.5, true, FourierConfig.deterministic(4, 4));

    @BeforeEach
    void seed() {
        GinrEngine.seed(3);
    }

    @Test
    void kaimingUniformTakesItsBoundFromFanOutAsPyTorchDoesOnTheStoredWeight() {
        HyponetConfig image = HyponetConfig.image(5, 64, 32, 32);
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
            new ModulatedMlp(image, Set.of()).register(params);
            // the output layer (64 + 1, 3): the reference draws U(-1/sqrt(3), 1/sqrt(3)), not U(-1/8, 1/8)
            float[] out = params.get(ModulatedMlp.weightName(4)).get(":-1, :").toFloatArray();
            double largest = 0;
            for (float v : out) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest <= 1 / Math.sqrt(3) && largest > 0.5, "largest |w| of the output layer " + largest);
        }
    }

    @Test
    void uniformFanInInitTakesItsBoundFromFanIn() {
        HyponetConfig image = HyponetConfig.image(5, 64, 32, 32).withActivation(Activation.RELU,
                WeightInit.UNIFORM_FAN_IN);
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
            new ModulatedMlp(image, Set.of()).register(params);
            for (float v : params.get(ModulatedMlp.weightName(4)).get(":-1, :").toFloatArray()) {
                assertTrue(Math.abs(v) <= 0.125, "|w| " + v + " above 1/sqrt(64)");
            }
        }
    }

    @Test
    void everyEffectiveWeightColumnHasUnitNormWhenNormalizing() {
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
            ModulatedMlp mlp = new ModulatedMlp(TINY, Set.of());
            mlp.register(params);
            ParameterSet.Bound p = params.bind(m);
            for (int i = 0; i < TINY.nLayer(); i++) {
                NDArray w = mlp.effectiveWeight(p, i, null)[0]; // (fan_in, fan_out)
                assertEquals(new Shape(TINY.fanIn(i), TINY.fanOut(i)), w.getShape());
                double[] norms = w.square().sum(new int[] {0}).sqrt().toDoubleArray();
                for (double n : norms) {
                    assertEquals(1.0, n, 1e-12);
                }
            }
        }
    }

    @Test
    void modulatedLayerWeightIsTheNormalisedProductOfComposersAndSharedFactor() {
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
            InstancePatternComposers composers = new InstancePatternComposers(TINY, ComposerConfig.of(1, 2));
            ModulatedMlp mlp = new ModulatedMlp(TINY, composers.layers());
            mlp.register(params);
            composers.register(params);
            ParameterSet.Bound p = params.bind(m);
            NDArray v = m.randomNormal(0, 1, new Shape(2, 5, 2), DataType.FLOAT64); // (B, fan_in, r)
            NDArray w = mlp.effectiveWeight(p, 1, composers.compose(p, 1, v))[0]; // (B, fan_in, fan_out)
            double[] vv = v.toDoubleArray();
            double[] u = params.get(InstancePatternComposers.sharedFactorName(1)).toDoubleArray(); // (2, 5)
            double[] got = w.toDoubleArray();
            for (int b = 0; b < 2; b++) {
                double[][] prod = new double[5][5];
                for (int i = 0; i < 5; i++) {
                    for (int o = 0; o < 5; o++) {
                        for (int k = 0; k < 2; k++) {
                            prod[i][o] += vv[b * 10 + i * 2 + k] * u[k * 5 + o];
                        }
                    }
                }
                for (int o = 0; o < 5; o++) {
                    double norm = 0;
                    for (int i = 0; i < 5; i++) {
                        norm += prod[i][o] * prod[i][o];
                    }
                    norm = Math.sqrt(norm);
                    for (int i = 0; i < 5; i++) {
                        assertEquals(prod[i][o] / norm, got[b * 25 + i * 5 + o], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void sharedFactorIsInitialisedWithStandardDeviationOneOverSqrtRankTimesFanIn() {
        HyponetConfig wide = HyponetConfig.image(5, 256, 128, 128);
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
            new InstancePatternComposers(wide, ComposerConfig.of(1, 256)).register(params);
            NDArray u = params.get(InstancePatternComposers.sharedFactorName(1));
            assertEquals(new Shape(256, 256), u.getShape());
            assertEquals(1.0 / Math.sqrt(256.0 * 256), Math.sqrt(u.square().mean().getDouble()), 2e-4);
        }
    }

    @Test
    void oneBackwardPassReachesComposersSharedFactorAndUnmodulatedLayersOnly() {
        Engine engine = GinrEngine.engine();
        try (NDManager m = engine.newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
            InstancePatternComposers composers = new InstancePatternComposers(TINY, ComposerConfig.of(1, 2));
            ModulatedMlp mlp = new ModulatedMlp(TINY, composers.layers());
            mlp.register(params);
            composers.register(params);
            params.add("V1", m.randomNormal(new Shape(4, 5, 2)), true);
            NDArray grid = m.randomUniform(-1, 1, new Shape(7, 2));
            params.zeroGradients();
            try (NDManager step = m.newSubManager(); GradientCollector gc = engine.newGradientCollector()) {
                ParameterSet.Bound p = params.bind(step);
                Map<Integer, NDArray> w = composers.instanceWeights(p, Map.of(1, p.get("V1")));
                NDArray y = mlp.forward(p, grid, w); // (B, P, C)
                assertEquals(new Shape(4, 7, 3), y.getShape());
                gc.backward(y.square().sum());
            }
            for (String name : new String[] {"V1", InstancePatternComposers.sharedFactorName(1),
                    ModulatedMlp.weightName(0), ModulatedMlp.biasName(1), ModulatedMlp.weightName(2)}) {
                NDArray g = params.get(name).getGradient();
                assertTrue(g.abs().sum().getFloat() > 0, name + " must receive a gradient");
                g.close();
            }
            // the modulated layer keeps no base weight: W = V U replaces it, only its bias row is a parameter
            assertFalse(params.contains(ModulatedMlp.weightName(1)));
            assertEquals(new Shape(1, 5), params.get(ModulatedMlp.biasName(1)).getShape());
            assertFalse(params.contains(FourierFeatures.BUFFER) && params.trainableNames().contains(FourierFeatures.BUFFER));
        }
    }

    @Test
    void forwardEqualsTheBiasRowFormulaComputedByHand() {
        // 2 layers, raw coordinates, no normalisation: y = relu([x, 1] W0) [., 1] W1 + 0.5
        HyponetConfig cfg = new HyponetConfig(1, 1, 2, 2, Activation.RELU, 30, WeightInit.KAIMING_UNIFORM, 0.5,
                false, new FourierConfig(FourierType.NONE, 0, 1));
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
            ModulatedMlp mlp = new ModulatedMlp(cfg, Set.of());
            mlp.register(params);
            params.get(ModulatedMlp.weightName(0)).set(new double[] {2, -1, 0.5, 0.25}); // rows: w=(2,-1), b=(0.5,0.25)
            params.get(ModulatedMlp.weightName(1)).set(new double[] {3, -2, 0.1}); // rows: w=(3,-2), b=0.1
            NDArray x = m.create(new double[] {0.5, -1}, new Shape(2, 1));
            double[] y = mlp.forward(params.bind(m), x, Map.of()).toDoubleArray();
            // x=0.5: h = relu(1.5, -0.25) = (1.5, 0); y = 4.5 + 0.1 + 0.5
            // x=-1 : h = relu(-1.5, 1.25) = (0, 1.25); y = -2.5 + 0.1 + 0.5
            assertArrayEquals(new double[] {5.1, -1.9}, y, 1e-12);
        }
    }

    @Test
    void fullPerInstanceWeightsReplaceWeightAndBias() {
        HyponetConfig cfg = new HyponetConfig(1, 1, 2, 2, Activation.RELU, 30, WeightInit.KAIMING_UNIFORM, 0,
                false, new FourierConfig(FourierType.NONE, 0, 1));
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
            ModulatedMlp mlp = new ModulatedMlp(cfg, Set.of());
            mlp.register(params);
            params.get(ModulatedMlp.weightName(1)).set(new double[] {1, 1, 0});
            NDArray w0 = m.create(new double[] {1, 0, 0, 0, /* instance 2 */ 0, 0, 0, 3}, new Shape(2, 2, 2));
            NDArray x = m.create(new double[] {2}, new Shape(1, 1));
            double[] y = mlp.forward(params.bind(m), x, Map.of(0, w0)).toDoubleArray(); // (2, 1, 1)
            assertArrayEquals(new double[] {2, 3}, y, 1e-12);
        }
    }

    @Test
    void outputShapesHoldForOneTwoAndThreeDimensionalCoordinates() {
        for (int d = 1; d <= 3; d++) {
            HyponetConfig cfg = new HyponetConfig(d, 4, 4, 8, Activation.SIREN, 30, WeightInit.SIREN, 0, true,
                    FourierConfig.deterministic(6, 8));
            try (NDManager m = GinrEngine.engine().newBaseManager();
                 ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
                InstancePatternComposers composers = new InstancePatternComposers(cfg, ComposerConfig.of(0, 3));
                ModulatedMlp mlp = new ModulatedMlp(cfg, composers.layers());
                mlp.register(params);
                composers.register(params);
                ParameterSet.Bound p = params.bind(m);
                Map<Integer, NDArray> w = composers.instanceWeights(p, Map.of(0, m.randomNormal(new Shape(2, 12, 3))));
                assertEquals(new Shape(2, 9, 4), mlp.forward(p, m.randomUniform(-1, 1, new Shape(9, d)), w).getShape());
                assertEquals(new Shape(2, 9, 4), mlp.forward(p, m.randomUniform(-1, 1, new Shape(2, 9, d)), w).getShape());
            }
        }
    }

    @Test
    void chunkedForwardGivesTheSameOutputsAndGradientsAsOnePass() {
        Engine engine = GinrEngine.engine();
        for (boolean sharedGrid : new boolean[] {true, false}) {
            try (NDManager m = engine.newBaseManager();
                 ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
                InstancePatternComposers composers = new InstancePatternComposers(TINY, ComposerConfig.of(1, 2));
                ModulatedMlp mlp = new ModulatedMlp(TINY, composers.layers());
                mlp.register(params);
                composers.register(params);
                params.add("V1", m.randomNormal(0, 1, new Shape(4, 5, 2), DataType.FLOAT64), true);
                Shape coordShape = sharedGrid ? new Shape(37, 2) : new Shape(4, 37, 2);
                NDArray coords = m.randomUniform(-1, 1, coordShape, DataType.FLOAT64);
                // 4 instances x 8 features (the widest activation) x 8 bytes = 256 bytes per point: 5 points per chunk
                long chunkBytes = 5 * 4 * TINY.maxWidth() * 8;
                Map<String, double[]> onePass = outputAndGradients(engine, params, composers, mlp, coords, Long.MAX_VALUE);
                Map<String, double[]> chunked = outputAndGradients(engine, params, composers, mlp, coords, chunkBytes);
                assertEquals(onePass.keySet(), chunked.keySet());
                for (String name : onePass.keySet()) {
                    assertArrayEquals(onePass.get(name), chunked.get(name), 1e-12, name + ", shared grid " + sharedGrid);
                }
                assertTrue(onePass.get("output").length == 4 * 37 * 3);
            }
        }
    }

    @Test
    void pointsPerChunkKeepsTheWidestActivationWithinTheLimit() {
        HyponetConfig paper = HyponetConfig.image(5, 256, 128, 128); // the paper's 178x178 hyponet: 256 wide
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            ModulatedMlp mlp = new ModulatedMlp(paper, Set.of());
            NDArray coords = m.zeros(new Shape(16, 178 * 178, 2));
            long chunk = mlp.pointsPerChunk(coords, Map.of(), 8L << 20);
            // 16 instances x 256 floats x 4 bytes = 16 KiB per point: 512 points in 8 MiB
            assertEquals(512, chunk);
            assertEquals(16L << 20, ModulatedMlp.CHUNK_BYTES);
        }
    }

    /** One forward (chunked as asked) and backward of sum(y^2): the output and every gradient, flattened. */
    private static Map<String, double[]> outputAndGradients(Engine engine, ParameterSet params,
                                                            InstancePatternComposers composers, ModulatedMlp mlp,
                                                            NDArray coords, long chunkBytes) {
        Map<String, double[]> out = new java.util.TreeMap<>();
        params.zeroGradients();
        try (NDManager step = params.manager().newSubManager(); GradientCollector gc = engine.newGradientCollector()) {
            ParameterSet.Bound p = params.bind(step);
            Map<Integer, NDArray> w = composers.instanceWeights(p, Map.of(1, p.get("V1")));
            NDArray y = mlp.forward(p, ParameterSet.view(coords, step), w, chunkBytes); // (B, P, C)
            out.put("output", y.toDoubleArray());
            gc.backward(y.square().sum());
        }
        for (String name : params.trainableNames()) {
            NDArray g = params.get(name).getGradient();
            out.put(name, g.toDoubleArray());
            g.close();
        }
        return out;
    }
}
