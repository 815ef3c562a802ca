package dev.ginr.inr.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;

/**
 * The machine's own fp32 matrix-multiply peak through the same engine the models use: repeated n x n x n products
 * (n = 1024 by default, 2 n^3 FLOPs each), timed over several windows after a few warm-up products. Efficiency
 * figures divide achieved FLOP/s by this number, so they say how close a step gets to what this machine, with this
 * engine and thread count, can do at best, not to a datasheet.
 */
public final class MatmulPeak {

    private MatmulPeak() {}

    /**
     * GFLOP/s of each window.
     *
     * @param n        matrix side
     * @param warmup   products run first and not timed
     * @param windows  timed windows
     * @param products products per window
     */
    public static WindowStats measure(int n, int warmup, int windows, int products) {
        return measure(null, n, warmup, windows, products);
    }

    /**
     * As {@link #measure(int, int, int, int)} on {@code device} (null: the engine's default). Each window ends by
     * reading one element of its last product back, so that on a GPU the window's time includes its work (kernels
     * run asynchronously there).
     */
    public static WindowStats measure(ai.djl.Device device, int n, int warmup, int windows, int products) {
        try (NDManager m = device == null ? GinrEngine.engine().newBaseManager()
                : GinrEngine.engine().newBaseManager(device)) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            for (int i = 0; i < warmup; i++) {
                a.matMul(b).close();
            }
            double flops = StepFlops.product(n, n, n) * (double) products;
            double[] gflops = new double[windows];
            for (int w = 0; w < windows; w++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < products - 1; i++) {
                    a.matMul(b).close(); // each product is computed eagerly and freed at once
                }
                try (NDArray last = a.matMul(b)) {
                    last.get(0, 0).getFloat(); // waits for the device
                }
                gflops[w] = flops / ((System.nanoTime() - t0) * 1e-9) / 1e9;
            }
            return new WindowStats(gflops);
        }
    }

    /** The default measurement: 1024^3 products, 3 warm-up, 7 windows of 10. */
    public static WindowStats measure() {
        return measure(1024, 3, 7, 10);
    }

    /** The default measurement on {@code device}. */
    public static WindowStats measure(ai.djl.Device device) {
        return measure(device, 1024, 3, 7, 10);
    }
}
