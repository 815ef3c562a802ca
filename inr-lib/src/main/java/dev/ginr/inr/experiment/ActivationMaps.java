package dev.ginr.inr.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GradMode;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every hyponet layer computes over the coordinate grid, for several instances (the paper's analysis of what
 * the modulated and the shared layers encode): a(n, p, u) = output of unit u at grid point p for instance n, after
 * the activation (the last layer: the rendered signal).
 *
 * <p>The number that says which layers vary across instances is, per layer, the share of the activation variance
 * that lies across instances: sum over (p, u) of Var_n a(n, p, u), divided by sum over (p, u) of
 * E_n (a(n, p, u) - mean_{n, p} a(·, ·, u))^2. By the law of total variance it lies in [0, 1]: 0 for a layer whose
 * maps are the same for every instance (the shared layers before the modulated one), larger the more the
 * instances differ. Every instance is rendered on its own copy of the grid, so a zero is computed, not assumed.
 *
 * @param run    the run's name
 * @param grid   the grid's axis lengths, e.g. (32, 32)
 * @param layers one entry per hyponet layer, in order
 */
public record ActivationMaps(String run, int[] grid, List<Layer> layers) {

    /**
     * One layer's activation maps.
     *
     * @param index                  the layer's 0-based index
     * @param role                   how its weight is obtained, in words
     * @param instances              B
     * @param units                  fan_out
     * @param values                 a(n, p, u) flattened as (B, P, units)
     * @param acrossInstanceVariance mean over (p, u) of Var_n a
     * @param totalVariance          mean over (p, u) of E_n (a - mean_{n, p} a)^2
     */
    public record Layer(int index, String role, int instances, int units, float[] values,
                        double acrossInstanceVariance, double totalVariance) {

        /** The share of the variance that lies across instances, in [0, 1] (0 when the layer is constant). */
        public double acrossInstanceShare() {
            return totalVariance > 0 ? acrossInstanceVariance / totalVariance : 0;
        }

        /** Unit {@code u}'s map for instance {@code n}: P values in the grid's row-major order. */
        public float[] map(int n, int u) {
            int points = values.length / (instances * units);
            float[] m = new float[points];
            for (int p = 0; p < points; p++) {
                m[p] = values[(n * points + p) * units + u];
            }
            return m;
        }

        /** The units sorted by their total variance over instances and grid, largest first (dead units last). */
        public int[] unitsByVariance() {
            int points = values.length / (instances * units);
            double[] var = new double[units];
            for (int u = 0; u < units; u++) {
                double[] m = moments(u, points);
                var[u] = m[1];
            }
            return java.util.stream.IntStream.range(0, units).boxed()
                    .sorted((a, b) -> Double.compare(var[b], var[a])).mapToInt(Integer::intValue).toArray();
        }

        /** {mean over (n, p), variance over (n, p)} of unit u. */
        private double[] moments(int u, int points) {
            double sum = 0;
            double sq = 0;
            int count = instances * points;
            for (int i = 0; i < count; i++) {
                double a = values[i * units + u];
                sum += a;
                sq += a * a;
            }
            double mean = sum / count;
            return new double[] {mean, Math.max(0, sq / count - mean * mean)};
        }
    }

    /** The activation maps of {@code run} for the images of {@code signals} (B >= 2 for a variance). */
    public static ActivationMaps of(ExperimentRun run, SignalBatch signals) {
        if (signals.count() < 2) {
            throw new IllegalArgumentException("activation maps compare instances: give at least 2 signals, got "
                    + signals.count());
        }
        GeneralizableInr model = run.model();
        return GradMode.off(() -> {
            try (NDManager scope = model.parameters().manager().newSubManager()) {
                ParameterSet.Bound p = model.parameters().bind(scope);
                NDArray values = signals.toNDArray(scope); // (B, P, C)
                NDArray grid = CoordinateGrid.create(scope, signals.grid(), 1.0, DataType.FLOAT32); // (P, d)
                Map<Integer, NDArray> w = model.instanceWeights(p, new Observation(values, grid, signals.grid()),
                        false);
                Shape own = new Shape(signals.count(), grid.getShape().get(0), grid.getShape().get(1));
                NDArray perInstance = grid.expandDims(0).broadcast(own).duplicate(); // (B, P, d): one copy each
                List<NDArray> outputs = model.mlp().layerOutputs(p, perInstance, w); // (B, P, fan_out) each
                List<Layer> layers = new ArrayList<>();
                for (int i = 0; i < outputs.size(); i++) {
                    layers.add(layer(i, role(i, w.keySet(), outputs.size()), outputs.get(i)));
                }
                return new ActivationMaps(run.name(), signals.grid().clone(), List.copyOf(layers));
            }
        });
    }

    private static String role(int i, Set<Integer> perInstance, int nLayer) {
        int first = perInstance.stream().mapToInt(Integer::intValue).min().orElse(nLayer);
        String where = i == nLayer - 1 ? "output" : "hidden";
        if (perInstance.contains(i)) {
            return where + ", per-instance weight (modulated)";
        }
        return where + (i < first ? ", shared weight, before the modulated layer"
                : ", shared weight, after the modulated layer");
    }

    private static Layer layer(int index, String role, NDArray output) {
        Shape s = output.getShape(); // (B, P, units)
        int b = (int) s.get(0);
        int points = (int) s.get(1);
        int units = (int) s.get(2);
        float[] a = output.toType(DataType.FLOAT32, false).toFloatArray();
        double across = 0;
        double total = 0;
        for (int u = 0; u < units; u++) {
            double grand = 0;
            for (int i = u; i < a.length; i += units) {
                grand += a[i];
            }
            grand /= (double) b * points;
            for (int p = 0; p < points; p++) {
                double mean = 0;
                for (int n = 0; n < b; n++) {
                    mean += a[(n * points + p) * units + u];
                }
                mean /= b;
                for (int n = 0; n < b; n++) {
                    double x = a[(n * points + p) * units + u];
                    across += (x - mean) * (x - mean);
                    total += (x - grand) * (x - grand);
                }
            }
        }
        double cells = (double) b * points * units;
        return new Layer(index, role, b, units, a, across / cells, total / cells);
    }

    /** The layer with index {@code i}, or a clear error naming the allowed range. */
    public Layer layer(int i) {
        if (i < 0 || i >= layers.size()) {
            throw new IllegalArgumentException("layer " + i + " is out of range: the hyponet of run '" + run
                    + "' has layers 0.." + (layers.size() - 1));
        }
        return layers.get(i);
    }

    /** One row per layer: index, role, units, across-instance and total variance, and the across-instance share. */
    public Table table() {
        Table t = Table.create("Activation variance across instances (run '" + run + "', " + instances()
                        + " instances)", IntColumn.create("layer"), StringColumn.create("role"),
                IntColumn.create("units"), DoubleColumn.create("across-instance variance"),
                DoubleColumn.create("total variance"), DoubleColumn.create("across-instance share"));
        for (Layer l : layers) {
            t.intColumn("layer").append(l.index());
            t.stringColumn("role").append(l.role());
            t.intColumn("units").append(l.units());
            t.doubleColumn("across-instance variance").append(l.acrossInstanceVariance());
            t.doubleColumn("total variance").append(l.totalVariance());
            t.doubleColumn("across-instance share").append(l.acrossInstanceShare());
        }
        NumberColumnFormatter f = NumberColumnFormatter.fixedWithGrouping(4);
        t.doubleColumn("across-instance variance").setPrintFormatter(f);
        t.doubleColumn("total variance").setPrintFormatter(f);
        t.doubleColumn("across-instance share").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        return t;
    }

    /** How many instances the maps were computed for. */
    public int instances() {
        return layers.isEmpty() ? 0 : layers.get(0).instances();
    }
}
