package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.nn.ParameterSet;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outer optimiser against PyTorch's Adam formula, both in double precision. */
class AdamTest {

    private static final float[] START = {0.5f, -1.25f, 2f, 0.03f, -0.7f, 1.1f};
    private static final float[] CURVATURE = {1f, 0.2f, 3f, 0.5f, 8f, 0.01f};
    private static final float[] SLOPE = {0.3f, -0.1f, 0f, 2f, -0.05f, 0.4f};

    /** loss = sum(c p^2 / 2 + d p), so the gradient c p + d changes with every update, not only in scale. */
    private static void backward(ParameterSet params, NDManager step) {
        try (GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
            NDArray p = params.bind(step).get("p");
            NDArray c = step.create(CURVATURE).toType(DataType.FLOAT64, false);
            NDArray d = step.create(SLOPE).toType(DataType.FLOAT64, false);
            gc.backward(p.square().mul(c).div(2).add(p.mul(d)).sum());
        }
    }

    /**
     * PyTorch's Adam (L2 weight decay added to the scaled gradient) on the same loss, in doubles, with the betas
     * rounded to float32 as the engine's fused update receives them (0.999f is 0.999 + 1.3e-8: a relative change of
     * 1.3e-5 in 1 - beta2, far below what float32 training resolves).
     */
    private static double[] reference(int steps, double lr, double wd, double gradScale) {
        double b1 = 0.9f;
        double b2 = 0.999f;
        double[] p = new double[START.length];
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = START[i];
        }
        for (int t = 1; t <= steps; t++) {
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < p.length; i++) {
                double g = gradScale * (CURVATURE[i] * p[i] + SLOPE[i]) + wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                p[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i] / bc2) + 1e-8);
            }
        }
        return p;
    }

    private static double[] run(int steps, double lr, double wd, double gradScale) {
        try (NDManager root = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(root, DataType.FLOAT64);
             Adam adam = new Adam(root, 0.9, 0.999, 1e-8, wd)) {
            params.add("p", root.create(START, new Shape(START.length)).toType(DataType.FLOAT64, false), true);
            for (int t = 0; t < steps; t++) {
                try (NDManager step = root.newSubManager()) {
                    params.zeroGradients();
                    backward(params, step);
                    adam.update(params, lr, gradScale, step);
                }
            }
            assertEquals(steps, adam.stepCount());
            Map<String, NDArray> state = adam.state();
            assertEquals(2, state.size(), "one first and one second moment");
            return params.get("p").toDoubleArray();
        }
    }

    /** Within the float32 rounding of the step size and epsilon handed to the engine, the parameters in float64. */
    private static void assertClose(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "parameter " + i);
        }
    }

    @Test
    void followsPyTorchsFormulaIncludingBiasCorrectionEarlyAndLate() {
        assertClose(reference(1, 0.01, 0, 1), run(1, 0.01, 0, 1));
        assertClose(reference(40, 0.01, 0, 1), run(40, 0.01, 0, 1));
    }

    @Test
    void addsWeightDecayToTheScaledGradient() {
        double[] expected = reference(12, 0.05, 0.1, 0.5);
        assertClose(expected, run(12, 0.05, 0.1, 0.5));
        double[] withoutScale = reference(12, 0.05, 0.1, 1);
        double gap = 0;
        for (int i = 0; i < expected.length; i++) {
            gap = Math.max(gap, Math.abs(expected[i] - withoutScale[i]));
        }
        assertEquals(true, gap > 1e-3, "the gradient scale must matter on this problem, gap " + gap);
    }
}
