package dev.ginr.inr.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Models;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.train.Evaluation;

/**
 * Inference latency of one image: the per-instance weights predicted from the observed image alone, a full
 * reconstruction at the image's own resolution ({@link Evaluation#reconstruct}: weights predicted, every pixel
 * rendered and copied back to the host), and a super-resolution reconstruction at {@code upsample} times the
 * resolution. Each is run {@code warmup} times untimed, then {@code reps} times timed.
 *
 * @param spec          the experiment (model type and sizes)
 * @param side          image side
 * @param upsample      super-resolution factor
 * @param predictSeconds per-instance weights only
 * @param reconstructSeconds weights + render at the own grid + host copy
 * @param superResolutionSeconds weights + render at the upsampled grid + host copy
 */
public record InferenceBench(ExperimentSpec spec, int side, double upsample, WindowStats predictSeconds,
                             WindowStats reconstructSeconds, WindowStats superResolutionSeconds) {

    public static InferenceBench run(ExperimentSpec spec, double upsample, int warmup, int reps) {
        return run(spec, upsample, warmup, reps, null);
    }

    /** As {@link #run(ExperimentSpec, double, int, int)} on {@code device} (null: the engine's default). */
    public static InferenceBench run(ExperimentSpec spec, double upsample, int warmup, int reps,
                                     ai.djl.Device device) {
        int side = spec.dataset().resolution();
        SignalBatch image = SyntheticImages.create(1, side, 7);
        try (NDManager manager = device == null ? GinrEngine.engine().newBaseManager()
                : GinrEngine.engine().newBaseManager(device)) {
            GinrEngine.seed(spec.experiment().seed());
            try (GeneralizableInr model = Models.create(spec, manager, DataType.FLOAT32)) {
                WindowStats predict = time(warmup, reps, () -> predict(model, image));
                WindowStats own = time(warmup, reps, () -> Evaluation.reconstruct(model, image, 1.0, 1));
                WindowStats sr = time(warmup, reps, () -> Evaluation.reconstruct(model, image, upsample, 1));
                return new InferenceBench(spec, side, upsample, predict, own, sr);
            }
        }
    }

    private static void predict(GeneralizableInr model, SignalBatch image) {
        try (NDManager scope = model.parameters().manager().newSubManager()) {
            ParameterSet.Bound p = model.parameters().bind(scope);
            NDArray values = image.toNDArray(scope); // (1, P, C)
            NDArray grid = CoordinateGrid.create(scope, image.grid(), 1.0, values.getDataType()); // (P, d)
            model.instanceWeights(p, new Observation(values, grid, image.grid()), false); // eager on the CPU
        }
    }

    private static WindowStats time(int warmup, int reps, Runnable work) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] s = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            work.run();
            s[i] = (System.nanoTime() - t0) * 1e-9;
        }
        return new WindowStats(s);
    }
}
