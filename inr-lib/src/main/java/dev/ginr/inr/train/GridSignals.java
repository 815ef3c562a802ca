package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.LossConfig;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Signals on a coordinate grid (images, audio) as a {@link SignalSet}: the model observes the signals, and the
 * hyponet is queried at the grid's coordinates. A training step renders a seeded random fraction of the points
 * ({@code loss.subsample}) moved by up to half a pixel ({@code loss.coord_noise}: per coordinate, or one shift per
 * instance); an evaluation renders every point as it is.
 */
public final class GridSignals implements SignalSet {

    private final SignalBatch data;
    private String fingerprint;

    public GridSignals(SignalBatch data) {
        this.data = data;
    }

    /** The signals, (B, P, C) on the host. */
    public SignalBatch signals() {
        return data;
    }

    @Override
    public int count() {
        return data.count();
    }

    @Override
    public String fingerprint() {
        if (fingerprint == null) {
            fingerprint = Provenance.fingerprint(data);
        }
        return fingerprint;
    }

    @Override
    public QueryBatch trainingBatch(int[] indices, long step, TrainingPlan plan, NDManager scope,
                                    HostStaging staging) {
        SignalBatch batch = BatchSampler.gather(data, indices);
        NDArray values = staging.upload(scope, batch.values(), batch.shape()); // (B, P, C)
        NDArray grid = sharedGrid(batch, scope, staging); // (P, d)
        Observation observed = new Observation(values, grid, batch.grid());
        int[] points = points(plan.seed(), step, plan.subsampleRatio(), batch.points());
        NDArray coords = grid;
        NDArray targets = values;
        if (points.length < batch.points()) {
            NDArray idx = scope.create(points);
            coords = grid.get(idx); // (P', d)
            targets = values.get(":, {}, :", idx); // (B, P', C)
        }
        return new Queries(observed, coords, targets, plan.coordNoise(), batch.grid(), staging);
    }

    @Override
    public QueryBatch evaluationBatch(int from, int to, NDManager scope, HostStaging staging) {
        SignalBatch batch = data.slice(from, to);
        NDArray values = staging.upload(scope, batch.values(), batch.shape()); // (B, P, C)
        NDArray grid = sharedGrid(batch, scope, staging); // (P, d)
        return new Queries(new Observation(values, grid, batch.grid()), grid, values, LossConfig.CoordNoise.NONE,
                batch.grid(), staging);
    }

    /** The batch's coordinate grid (P, d), uploaded once per grid shape and device and kept by {@code staging}. */
    private static NDArray sharedGrid(SignalBatch batch, NDManager scope, HostStaging staging) {
        return staging.constant(scope, "grid" + java.util.Arrays.toString(batch.grid()),
                new Shape(batch.points(), batch.grid().length), () -> CoordinateGrid.values(batch.grid()));
    }

    /** Sorted indices of the points rendered at {@code step}: all, or a random fraction drawn from (seed, step). */
    static int[] points(long seed, long step, double ratio, int p) {
        if (ratio >= 1) {
            return java.util.stream.IntStream.range(0, p).toArray();
        }
        int keep = Math.max(1, (int) Math.round(p * ratio));
        List<Integer> all = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed * 1_000_003L + step * 7919L + 17));
        return all.subList(0, keep).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Grid coordinates (P, d) and the values there (B, P, C), rendered by the hyponet at the coordinates moved by
     * {@code noise}.
     */
    private record Queries(Observation observed, NDArray coords, NDArray targets, LossConfig.CoordNoise noise,
                           int[] grid, HostStaging staging) implements QueryBatch {

        @Override
        public NDArray render(GeneralizableInr model, ParameterSet.Bound p, Map<Integer, NDArray> instanceWeights) {
            NDArray query = noise == LossConfig.CoordNoise.NONE ? coords : withHalfPixelNoise(
                    targets.getShape().get(0), noise == LossConfig.CoordNoise.SHIFT);
            return model.render(p, instanceWeights, query); // (B, P, C)
        }

        /**
         * Grid (P, d) -> per-instance coordinates (B, P, d) moved by up to half a pixel along each axis,
         * independently per coordinate, or by one offset per instance ({@code shift}).
         */
        private NDArray withHalfPixelNoise(long batch, boolean shift) {
            NDManager scope = coords.getManager();
            long points = coords.getShape().get(0);
            float[] halfPixel = new float[grid.length];
            for (int a = 0; a < grid.length; a++) {
                halfPixel[a] = 1f / grid[a]; // pixel pitch 2 / N
            }
            NDArray noise = scope.randomUniform(-1, 1, new Shape(batch, shift ? 1 : points, grid.length),
                    coords.getDataType()); // (B, P or 1, d)
            NDArray pitch = staging.constant(scope, "half-pixel" + java.util.Arrays.toString(grid),
                    new Shape(grid.length), () -> halfPixel).toType(coords.getDataType(), false);
            return noise.mul(pitch).add(coords); // (B, P, d)
        }
    }
}
