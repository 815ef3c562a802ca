package dev.ginr.inr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.nn.InstancePatternComposers;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Fits a batch of signals directly: each instance gets its own composers V(n) (initialised N(0, 1)), optimised by
 * Adam on the per-instance MSE summed over the batch, optionally together with the shared pattern composition rule
 * (U and every other weight). This is the plain "one INR per signal, low-rank composers" set-up, without a
 * hypernetwork or meta-learning; it is the quickest way to see the method learn.
 */
public final class InstanceFitter {

    /**
     * @param steps              Adam steps
     * @param learningRate       Adam learning rate
     * @param trainSharedWeights also train U and the unmodulated layers (else only the composers V)
     * @param seed               seeds initialisation
     * @param logEvery           report progress every this many steps (and after the last)
     */
    public record Settings(int steps, double learningRate, boolean trainSharedWeights, long seed, int logEvery) {
        public Settings {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be at least 1, got " + steps);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
            }
            if (logEvery < 1) {
                throw new IllegalArgumentException("logEvery must be at least 1, got " + logEvery);
            }
        }
    }

    /**
     * @param history         progress events at the logging steps
     * @param finalPsnr       PSNR of each instance after the last step
     * @param reconstructions the fitted signals, same layout as the input
     */
    public record Result(List<ProgressEvent> history, double[] finalPsnr, SignalBatch reconstructions) {
        public double meanFinalPsnr() {
            return java.util.Arrays.stream(finalPsnr).average().orElse(Double.NaN);
        }
    }

    private static final String COMPOSER_PREFIX = "fit.V";

    private final HyponetConfig hyponet;
    private final InstancePatternComposers composers;
    private final ModulatedMlp mlp;

    /** Validates the configuration before any tensor is made. */
    public InstanceFitter(HyponetConfig hyponet, ComposerConfig composerConfig) {
        this.hyponet = hyponet;
        this.composers = new InstancePatternComposers(hyponet, composerConfig);
        this.mlp = new ModulatedMlp(hyponet, composers.layers());
    }

    /**
     * Fits {@code signals}; every native array it makes is freed before it returns. A thread interrupt stops the fit
     * at the next step boundary with a {@link CancellationException}.
     */
    public Result fit(NDManager parent, SignalBatch signals, Settings s, ProgressListener listener) {
        checkSignals(signals);
        GinrEngine.seed(s.seed());
        Engine engine = GinrEngine.engine();
        try (NDManager run = parent.newSubManager();
             ParameterSet params = new ParameterSet(run, DataType.FLOAT32);
             Adam adam = Adam.standard(run)) {
            mlp.register(params);
            composers.register(params);
            for (int layer : composers.layers()) {
                Shape v = composers.composerShape(layer); // (fan_in, r)
                params.add(COMPOSER_PREFIX + layer, run.randomNormal(new Shape(signals.count(), v.get(0), v.get(1))),
                        true); // (B, fan_in, r)
            }
            if (!s.trainSharedWeights()) {
                params.trainableNames().stream().filter(n -> !n.startsWith(COMPOSER_PREFIX)).toList()
                        .forEach(n -> params.setTrainable(n, false));
            }
            NDArray targets = signals.toNDArray(run); // (B, P, C)
            NDArray grid = CoordinateGrid.create(run, signals.grid()); // (P, d)
            List<ProgressEvent> history = new ArrayList<>();
            ProgressClock clock = new ProgressClock(s.steps());
            ProgressEvent last = null;
            for (int step = 1; step <= s.steps(); step++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("fit interrupted after " + (step - 1) + " of " + s.steps()
                            + " steps");
                }
                try (NDManager scope = run.newSubManager()) {
                    params.zeroGradients();
                    NDArray mse;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        mse = perInstanceMse(params.bind(scope), scope, grid, targets);
                        gc.backward(mse.sum()); // per-instance MSE summed: each instance its own gradient scale
                    }
                    adam.update(params, s.learningRate(), scope);
                    if (step % s.logEvery() == 0 || step == s.steps()) {
                        double[] m = Metrics.toDoubles(mse);
                        double meanMse = java.util.Arrays.stream(m).average().orElse(Double.NaN);
                        last = clock.event(step, meanMse, Metrics.meanPsnr(m), s.learningRate());
                        history.add(last);
                        listener.onProgress(last);
                    }
                }
            }
            Result result = finalState(params, run, grid, targets, signals, history);
            listener.onFinish(last);
            return result;
        }
    }

    private Result finalState(ParameterSet params, NDManager run, NDArray grid, NDArray targets, SignalBatch signals,
                              List<ProgressEvent> history) {
        try (NDManager scope = run.newSubManager()) {
            ParameterSet.Bound p = params.bind(scope);
            NDArray prediction = predict(p, scope, grid);
            NDArray mse = Metrics.perInstanceMse(prediction, ParameterSet.view(targets, scope));
            return new Result(List.copyOf(history), Metrics.psnr(Metrics.toDoubles(mse)),
                    SignalBatch.fromNDArray(prediction, signals.grid()));
        }
    }

    private NDArray perInstanceMse(ParameterSet.Bound p, NDManager scope, NDArray grid, NDArray targets) {
        return Metrics.perInstanceMse(predict(p, scope, grid), ParameterSet.view(targets, scope));
    }

    private NDArray predict(ParameterSet.Bound p, NDManager scope, NDArray grid) {
        Map<Integer, NDArray> v = new LinkedHashMap<>();
        for (int layer : composers.layers()) {
            v.put(layer, p.get(COMPOSER_PREFIX + layer));
        }
        return mlp.forward(p, ParameterSet.view(grid, scope), composers.instanceWeights(p, v)); // (B, P, C)
    }

    private void checkSignals(SignalBatch signals) {
        if (signals.count() < 1) {
            throw new IllegalArgumentException("nothing to fit: the batch holds no signals");
        }
        if (signals.grid().length != hyponet.inputDim() || signals.channels() != hyponet.outputDim()) {
            throw new IllegalArgumentException("signals of " + signals.grid().length + "-D grid with "
                    + signals.channels() + " channels do not match the hyponet (input_dim " + hyponet.inputDim()
                    + ", output_dim " + hyponet.outputDim() + ")");
        }
    }
}
