package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Singular values and numerical rank of small host matrices. */
class SingularValuesTest {

    @Test
    void knownMatricesGiveTheirSingularValues() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray diag = m.create(new float[] {0, 3, 0, 0, 0, -5, 2, 0, 0}, new Shape(3, 3));
            assertArrayEquals(new double[] {5, 3, 2}, SingularValues.of(diag), 1e-9);
            // [[1, 1], [1, 1], [0, 0]] has singular values 2 and 0; its transpose the same
            NDArray ones = m.create(new float[] {1, 1, 1, 1, 0, 0}, new Shape(3, 2));
            assertArrayEquals(new double[] {2, 0}, SingularValues.of(ones), 1e-9);
            assertArrayEquals(new double[] {2, 0}, SingularValues.of(ones.transpose()), 1e-9);
        }
    }

    @Test
    void aProductOfRankRFactorsHasRankR() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(3);
            NDArray v = m.randomNormal(new Shape(64, 8));
            NDArray u = m.randomNormal(new Shape(8, 48));
            double[] sv = SingularValues.of(v.matMul(u)); // (64, 48), rank 8
            assertEquals(48, sv.length);
            assertEquals(8, SingularValues.rank(sv, 1e-5));
            assertEquals(48, SingularValues.rank(SingularValues.of(m.randomNormal(new Shape(64, 48))), 1e-5));
        }
    }
}
