package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * The singular values of a small matrix, to show that a composed weight W(n) = V(n) U has rank at most r
 * (PAPER.md §1). DJL has no SVD, so this computes on the host in double precision with one-sided Jacobi rotations
 * (Hestenes): pairs of columns of A (m x n) are rotated until all are orthogonal; the column norms are then the
 * singular values. Meant for hyponet-sized matrices (a few hundred rows and columns), not for a training loop.
 */
public final class SingularValues {

    private static final int MAX_SWEEPS = 60;
    private static final double ORTHOGONAL = 1e-15;

    private SingularValues() {}

    /** The singular values of a 2-D array (m, n), largest first; min(m, n) of them. */
    public static double[] of(NDArray matrix) {
        Shape s = matrix.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("singular values need a matrix (m, n), got shape " + s);
        }
        float[] v = matrix.toType(DataType.FLOAT32, false).toFloatArray();
        int m = (int) s.get(0);
        int n = (int) s.get(1);
        double[][] a = new double[n][m]; // columns of A
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[j][i] = v[i * n + j];
            }
        }
        return m >= n ? ofColumns(a) : ofColumns(transpose(a, m, n));
    }

    /**
     * The numerical rank: how many singular values exceed {@code relativeTolerance} times the largest (for float32
     * products, 1e-5 separates the exact zeros of a rank-r product from its r non-zero values).
     */
    public static int rank(double[] singularValues, double relativeTolerance) {
        double top = singularValues.length == 0 ? 0 : singularValues[0];
        return (int) Arrays.stream(singularValues).filter(x -> x > relativeTolerance * top).count();
    }

    private static double[][] transpose(double[][] columns, int m, int n) {
        double[][] t = new double[m][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                t[i][j] = columns[j][i];
            }
        }
        return t;
    }

    /** Rotates pairs of columns (each of length >= the number of columns) to orthogonality; norms, largest first. */
    private static double[] ofColumns(double[][] c) {
        int n = c.length;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int j = 0; j < n - 1; j++) {
                for (int k = j + 1; k < n; k++) {
                    rotated |= rotate(c[j], c[k]);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] sv = new double[n];
        for (int j = 0; j < n; j++) {
            sv[j] = Math.sqrt(dot(c[j], c[j]));
        }
        Arrays.sort(sv);
        for (int i = 0; i < n / 2; i++) { // largest first
            double t = sv[i];
            sv[i] = sv[n - 1 - i];
            sv[n - 1 - i] = t;
        }
        return sv;
    }

    /** One Jacobi rotation that makes columns x and y orthogonal; false when they already are. */
    private static boolean rotate(double[] x, double[] y) {
        double alpha = dot(x, x);
        double beta = dot(y, y);
        double gamma = dot(x, y);
        if (Math.abs(gamma) <= ORTHOGONAL * Math.sqrt(alpha * beta) || gamma == 0) {
            return false;
        }
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.signum(zeta == 0 ? 1 : zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        double cos = 1 / Math.sqrt(1 + t * t);
        double sin = cos * t;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            x[i] = cos * xi - sin * y[i];
            y[i] = sin * xi + cos * y[i];
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
