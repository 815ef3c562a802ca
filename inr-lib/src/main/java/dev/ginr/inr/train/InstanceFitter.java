package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.nn.InstancePatternComposers;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * @param finalPsnr       PSNR of each instance after the last step done
     * @param reconstructions the fitted signals, same layout as the input
     * @param stepsDone       Adam steps done
     * @param stopReason      "completed", "interrupted" (a thread interrupt or a {@link StopRequest}: the fit ends at
     *                        a step boundary, as a {@link Trainer} does), or which step had a non-finite loss
     */
    public record Result(List<ProgressEvent> history, double[] finalPsnr, SignalBatch reconstructions, long stepsDone,
                         String stopReason) {
        public double meanFinalPsnr() {
            return java.util.Arrays.stream(finalPsnr).average().orElse(Double.NaN);
        }

        public boolean completed() {
            return stopReason.equals("completed");
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
     * Fits {@code signals}; every native array it makes is freed before it returns. A thread interrupt ends the fit
     * at the next step boundary (see {@link Result#stopReason()}).
     */
    public Result fit(NDManager parent, SignalBatch signals, Settings s, ProgressListener listener) {
        return fit(parent, signals, s, listener, new StopRequest());
    }

    /** As {@link #fit(NDManager, SignalBatch, Settings, ProgressListener)}, stoppable from another thread. */
    public Result fit(NDManager parent, SignalBatch signals, Settings s, ProgressListener listener, StopRequest stop) {
        checkSignals(signals);
        GinrEngine.seed(s.seed());
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
            StepLoop.Outcome out = new StepLoop(params, adam, s.logEvery(), stop).run(0, s.steps(),
                    new StepLoop.Step() {
                        @Override
                        public double learningRate(long step) {
                            return s.learningRate();
                        }

                        @Override
                        public StepLoop.StepLoss compute(long step, ParameterSet.Bound p, NDManager scope) {
                            NDArray mse = perInstanceMse(p, scope, grid, targets);
                            // per-instance MSE summed: each instance its own gradient scale
                            return new StepLoop.StepLoss(mse.sum(), mse.mean(), mse);
                        }
                    }, listener);
            Result result = finalState(params, run, grid, targets, signals, out);
            listener.onFinish(out.last());
            return result;
        }
    }

    private Result finalState(ParameterSet params, NDManager run, NDArray grid, NDArray targets, SignalBatch signals,
                              StepLoop.Outcome out) {
        try (NDManager scope = run.newSubManager()) {
            ParameterSet.Bound p = params.bind(scope);
            NDArray prediction = predict(p, scope, grid);
            NDArray mse = Metrics.perInstanceMse(prediction, ParameterSet.view(targets, scope));
            return new Result(out.history(), Metrics.psnr(Metrics.toDoubles(mse)),
                    SignalBatch.fromNDArray(prediction, signals.grid()), out.stepsDone(), out.detail());
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
