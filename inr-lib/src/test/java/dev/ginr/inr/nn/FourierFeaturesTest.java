package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.FourierConfig;
import dev.ginr.inr.config.FourierType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FourierFeaturesTest {

    private static final double PI = Math.PI;

    private static double[] features(FourierConfig cfg, double... coord) {
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
            FourierFeatures ff = new FourierFeatures(cfg, coord.length);
            ff.register(params);
            NDArray x = m.create(coord, new Shape(1, coord.length));
            return ff.apply(params.bind(m), x).toDoubleArray();
        }
    }

    @Test
    void deterministicFeaturesAreCosAndSinOfPiTimesLogSpacedFrequencies() {
        // 2 axes x 2 frequencies, f = exp(linspace(0, ln 8, 2)) = {1, 8}; x = (0.25, -0.5)
        double[] got = features(FourierConfig.deterministic(4, 8), 0.25, -0.5);
        double[] phase = {PI * 0.25, PI * 2, PI * -0.5, PI * -4};
        double[] want = new double[8];
        for (int i = 0; i < 4; i++) {
            want[i] = Math.cos(phase[i]);
            want[i + 4] = Math.sin(phase[i]);
        }
        assertArrayEquals(want, got, 1e-12);
        assertEquals(Math.sqrt(0.5), got[0], 1e-12); // cos(pi/4)
        assertEquals(-1.0, got[6], 1e-12); // sin(-pi/2)
    }

    @Test
    void aCoordinateRangeOfSReadsTheGridAsIfItSpannedMinusSToS() {
        // the reference's 3 s audio samples coordinates in [-3, 3]; our grid stays in [-1, 1] and the mapping scales
        for (FourierType type : new FourierType[] {FourierType.DETERMINISTIC_TRANSINR, FourierType.NERF,
                FourierType.NONE}) {
            double sigma = type == FourierType.NERF ? 8 : 1024; // NeRF: frequencies up to 2^sigma
            double[] scaled = features(new FourierConfig(type, 8, sigma, 3.0), -0.7);
            double[] direct = features(new FourierConfig(type, 8, sigma), -2.1);
            assertArrayEquals(direct, scaled, 1e-9, type.toString());
        }
    }

    @Test
    void logSpacedFrequenciesSpanOneToSigma() {
        assertArrayEquals(new double[] {1, 2, 4, 8, 16, 32},
                FourierFeatures.axisFrequencies(FourierType.DETERMINISTIC_TRANSINR, 6, 32), 1e-12);
    }

    @Test
    void nerfFeaturesUsePowersOfTwoWithoutPi() {
        // f = 2^linspace(0, 3, 2) = {1, 8}; no factor pi
        double[] got = features(new FourierConfig(FourierType.NERF, 4, 3), 0.25, -0.5);
        double[] phase = {0.25, 2, -0.5, -4};
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.cos(phase[i]), got[i], 1e-12);
            assertEquals(Math.sin(phase[i]), got[i + 4], 1e-12);
        }
    }

    @Test
    void gaussianFeaturesUseTheStoredRandomMatrix() {
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT64)) {
            FourierFeatures ff = new FourierFeatures(new FourierConfig(FourierType.GAUSSIAN, 3, 10), 2);
            ff.register(params);
            double[] b = params.get(FourierFeatures.BUFFER).toDoubleArray(); // (2, 3)
            NDArray x = m.create(new double[] {0.3, -0.7}, new Shape(1, 2));
            double[] got = ff.apply(params.bind(m), x).toDoubleArray();
            for (int j = 0; j < 3; j++) {
                double phase = PI * (0.3 * b[j] - 0.7 * b[3 + j]);
                assertEquals(Math.cos(phase), got[j], 1e-12);
                assertEquals(Math.sin(phase), got[3 + j], 1e-12);
            }
        }
    }

    @Test
    void gaussianMatrixHasStandardDeviationSigma() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(7);
            FourierFeatures ff = new FourierFeatures(new FourierConfig(FourierType.GAUSSIAN, 20000, 10), 1);
            NDArray b = ff.frequencyMatrix(m, DataType.FLOAT64);
            double std = Math.sqrt(b.square().mean().getDouble());
            assertEquals(10, std, 0.2);
        }
    }
}
