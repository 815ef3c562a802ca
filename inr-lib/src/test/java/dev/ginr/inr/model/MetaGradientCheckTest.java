package dev.ginr.inr.model;

import dev.ginr.inr.config.MetaConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.Activation;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.FourierConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.WeightInit;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.nn.InstancePatternComposers;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.train.Metrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outer gradient through the inner loop, checked against central finite differences of the post-inner-loop
 * loss on a tiny float64 model (4 layers x 6, rank 4 composers on layer 1, 2 inner steps, 5 x 5 grid, 2 instances).
 */
class MetaGradientCheckTest {

    private static final HyponetConfig TINY = new HyponetConfig(2, 3, 4, 6, Activation.RELU, 30,
            WeightInit.KAIMING_UNIFORM, 0.5, true, FourierConfig.deterministic(4, 4));
    private static final double H = 1e-6;

    @Test
    void secondOrderGradientOfInitAndSharedFactorMatchesFiniteDifferences() {
        MetaConfig meta = MetaConfig.of(2, 0.05);
        try (NDManager root = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(11);
            MetaLearnedComposers model = new MetaLearnedComposers(root, TINY, ComposerConfig.of(1, 4), meta,
                    DataType.FLOAT64);
            Fixture f = new Fixture(root);
            for (String name : List.of(MetaLearnedComposers.initName(1), InstancePatternComposers.sharedFactorName(1))) {
                double err = relativeError(autogradGradient(model, f, name), finiteDifferences(model, f, name));
                System.out.printf("second-order %s: relative error vs finite differences %.3e%n", name, err);
                assertTrue(err < 1e-4, name + ": relative error " + err);
            }
        }
    }

    /**
     * Every other shared weight too, with a smooth activation: with ReLU, the zero-initialised bias of a layer puts
     * pre-activations exactly on the kink wherever all units below are inactive, and central differences of that
     * bias straddle the kink (about 2% error there, while the weight rows match to 1e-9).
     */
    @Test
    void secondOrderGradientOfSharedLayersMatchesFiniteDifferencesWithSmoothActivation() {
        HyponetConfig smooth = TINY.withActivation(Activation.SILU, WeightInit.KAIMING_UNIFORM);
        try (NDManager root = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(13);
            MetaLearnedComposers model = new MetaLearnedComposers(root, smooth, ComposerConfig.of(1, 4),
                    MetaConfig.of(2, 0.05), DataType.FLOAT64);
            Fixture f = new Fixture(root);
            for (String name : List.of("hyponet.wb0", "hyponet.b1", "hyponet.wb2")) {
                double err = relativeError(autogradGradient(model, f, name), finiteDifferences(model, f, name));
                System.out.printf("second-order (SiLU) %s: relative error vs finite differences %.3e%n", name, err);
                assertTrue(err < 1e-4, name + ": relative error " + err);
            }
        }
    }

    @Test
    void firstOrderGradientDiffersMeasurablyFromSecondOrder() {
        try (NDManager root = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(10);
            Fixture f = new Fixture(root);
            for (String name : List.of(MetaLearnedComposers.initName(1), InstancePatternComposers.sharedFactorName(1))) {
                GinrEngine.seed(11);
                MetaLearnedComposers second = new MetaLearnedComposers(root, TINY, ComposerConfig.of(1, 4),
                        MetaConfig.of(2, 0.05), DataType.FLOAT64);
                GinrEngine.seed(11);
                MetaLearnedComposers first = new MetaLearnedComposers(root, TINY, ComposerConfig.of(1, 4),
                        MetaConfig.of(2, 0.05).withFirstOrder(true), DataType.FLOAT64);
                double[] fd = finiteDifferences(second, f, name);
                double errSecond = relativeError(autogradGradient(second, f, name), fd);
                double errFirst = relativeError(autogradGradient(first, f, name), fd);
                System.out.printf("%s: second-order error %.3e, first-order error %.3e%n", name, errSecond, errFirst);
                assertTrue(errFirst > 1e-2 && errFirst > 1000 * errSecond, name + ": first-order error " + errFirst);
            }
        }
    }

    @Test
    void learnedInitGradientMatchesFiniteDifferences() {
        try (NDManager root = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(12);
            LearnedInitBaseline model = new LearnedInitBaseline(root, TINY, MetaConfig.of(2, 0.05),
                    DataType.FLOAT64);
            Fixture f = new Fixture(root);
            for (String name : List.of(LearnedInitBaseline.initName(0), LearnedInitBaseline.initName(3))) {
                double err = relativeError(autogradGradient(model, f, name), finiteDifferences(model, f, name));
                System.out.printf("learned init %s: relative error vs finite differences %.3e%n", name, err);
                assertTrue(err < 1e-4, name + ": relative error " + err);
            }
        }
    }

    /** Targets (2, 25, 3) in [0, 1] and the 5 x 5 grid, float64. */
    private record Fixture(NDArray targets, NDArray grid) {
        Fixture(NDManager m) {
            this(m.randomUniform(0f, 1f, new Shape(2, 25, 3), DataType.FLOAT64),
                    CoordinateGrid.create(m, new int[] {5, 5}, 1.0, DataType.FLOAT64));
        }
    }

    /** Mean per-instance MSE after the inner loop; training mode, so the graph runs through the inner steps. */
    private static NDArray outerLoss(MetaLearner model, Fixture f, NDManager scope) {
        ParameterSet.Bound p = model.parameters().bind(scope);
        NDArray grid = ParameterSet.view(f.grid(), scope);
        Observation obs = new Observation(ParameterSet.view(f.targets(), scope), grid, new int[] {5, 5});
        NDArray pred = model.render(p, model.instanceWeights(p, obs, true), grid);
        return Metrics.perInstanceMse(pred, obs.values()).mean();
    }

    private static double[] autogradGradient(MetaLearner model, Fixture f, String name) {
        ParameterSet params = model.parameters();
        try (NDManager scope = params.manager().newSubManager()) {
            params.zeroGradients();
            try (GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
                gc.backward(outerLoss(model, f, scope));
            }
            NDArray g = params.get(name).getGradient();
            g.attach(scope);
            return g.toDoubleArray();
        }
    }

    private static double[] finiteDifferences(MetaLearner model, Fixture f, String name) {
        NDArray param = model.parameters().get(name);
        int n = (int) param.size();
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            try (NDManager scope = model.parameters().manager().newSubManager()) {
                NDArray d = scope.zeros(param.getShape(), DataType.FLOAT64);
                d.set(new NDIndex(k / param.getShape().get(1), k % param.getShape().get(1)), H);
                param.addi(d);
                double plus = outerLoss(model, f, scope).getDouble();
                param.subi(d).subi(d);
                double minus = outerLoss(model, f, scope).getDouble();
                param.addi(d);
                g[k] = (plus - minus) / (2 * H);
            }
        }
        return g;
    }

    private static double relativeError(double[] actual, double[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }
}
