package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.Activation;
import dev.ginr.inr.config.FourierConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.WeightInit;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.train.Metrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InnerGradientTest {

    /** The explicit backward equals the engine's autograd gradient of sum_n MSE_n, for every activation. */
    @ParameterizedTest
    @CsvSource({"RELU, true", "RELU, false", "SILU, true", "SIREN, true"})
    void explicitGradientMatchesAutograd(Activation activation, boolean normalize) {
        HyponetConfig config = new HyponetConfig(2, 3, 4, 6, activation, 3, WeightInit.KAIMING_UNIFORM, 0.5,
                normalize, FourierConfig.deterministic(4, 4));
        GinrEngine.seed(7);
        ModulatedMlp mlp = new ModulatedMlp(config, Set.of(1));
        try (NDManager root = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(root, DataType.FLOAT64)) {
            mlp.register(params);
            NDArray grid = CoordinateGrid.create(root, new int[] {5, 5}, 1.0, DataType.FLOAT64); // (25, 2)
            NDArray targets = root.randomUniform(0f, 1f, new Shape(2, 25, 3), DataType.FLOAT64);
            NDArray w1 = root.randomNormal(0f, 1f, new Shape(2, 6, 6), DataType.FLOAT64); // rows only
            NDArray w2 = root.randomNormal(0f, 0.4f, new Shape(2, 7, 6), DataType.FLOAT64); // rows + bias
            w1.setRequiresGradient(true);
            w2.setRequiresGradient(true);
            try (NDManager scope = root.newSubManager()) {
                ParameterSet.Bound p = params.bind(scope);
                Map<Integer, NDArray> weights = Map.of(1, ParameterSet.view(w1, scope), 2,
                        ParameterSet.view(w2, scope));
                InnerGradient.Result explicit = new InnerGradient(mlp).compute(p, grid, targets, weights);
                try (GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
                    NDArray pred = mlp.forward(params.bind(scope), ParameterSet.view(grid, scope), Map.of(1,
                            ParameterSet.view(w1, scope), 2, ParameterSet.view(w2, scope)));
                    gc.backward(Metrics.perInstanceMse(pred, targets).sum());
                }
                assertClose(w1.getGradient(), explicit.gradients().get(1));
                assertClose(w2.getGradient(), explicit.gradients().get(2));
                NDArray pred = mlp.forward(p, grid, weights);
                assertEquals(0, pred.sub(explicit.prediction()).abs().max().getDouble(), 1e-12);
            }
        }
    }

    private static void assertClose(NDArray expected, NDArray actual) {
        double err = expected.sub(actual).norm().getDouble() / expected.norm().getDouble();
        assertTrue(err < 1e-10, "relative error " + err);
    }
}
