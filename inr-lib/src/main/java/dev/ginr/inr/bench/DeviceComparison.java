package dev.ginr.inr.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.GradMode;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.LossConfig;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Models;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.train.GridSignals;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;
import dev.ginr.inr.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The same training steps of every model on two devices (issue 16: a GPU against the CPU): each model is built once
 * from its seed on device A, its parameters are copied to device B, and both run the library's own {@link Trainer}
 * for the same steps on the same batches, with coordinate noise off (it is drawn on the device, and a GPU's random
 * generator differs from the CPU's). The loss of every step and the gradients of the first step are read back after
 * back-propagation ({@link dev.ginr.inr.train.GradientProbe}) and compared:
 * <ul>
 *   <li>loss: |l_A - l_B| / max(|l_A|, |l_B|), the largest over the steps;</li>
 *   <li>gradients of step 1, where both devices start from the same parameters (after one Adam step, entries with
 *       almost no gradient move by a whole learning rate in a direction that rounding decides, so later gradients
 *       measure Adam's sign, not the device): per parameter, max|g_A - g_B| / max|g_A| (relative to its largest
 *       gradient, so that entries
 *       near zero do not dominate; and at least a thousandth of the step's largest gradient entry, so that a
 *       parameter with almost no gradient does not either), the largest over the parameters.</li>
 * </ul>
 * Throughput on each device is measured apart, with the same trainer and no read-backs ({@link TrainingBench}); the
 * memory column is the GPU memory in use after that run (cudaMemGetInfo, PyTorch's cache included) on a GPU and the
 * process's peak resident memory so far on the CPU.
 *
 * <p>{@code perturbation} scales device B's trainable parameters by (1 + perturbation) before its steps: a check that
 * a real difference is reported as one.
 */
public final class DeviceComparison {

    private static final double MIB = 1024.0 * 1024.0;

    /** Gradients are compared at no less than this fraction of the step's largest gradient entry. */
    static final double GRADIENT_FLOOR = 1e-3;

    /**
     * @param models       the model types compared
     * @param paper        the 178x178 paper presets instead of the 32x32 small ones
     * @param steps        compared steps per model (each reads every gradient back)
     * @param timedSteps   steps timed per device and model, after one warm-up step (0: no timing)
     * @param batch        signals per step
     * @param perturbation relative change of device B's trainable parameters (0: none)
     */
    public record Settings(List<ModelType> models, boolean paper, int steps, int timedSteps, int batch,
                           double perturbation) {

        public Settings {
            models = List.copyOf(models);
            if (models.isEmpty() || steps < 1 || timedSteps < 0 || batch < 1) {
                throw new IllegalArgumentException("a device comparison needs at least one model, steps >= 1, timed "
                        + "steps >= 0 and batch >= 1; got " + models + ", " + steps + ", " + timedSteps + ", " + batch);
            }
        }

        /** All four models at the small presets: 3 compared and 20 timed steps, batch 16. */
        public static Settings standard() {
            return new Settings(List.of(ModelType.values()), false, 3, 20, 16, 0);
        }

        public Settings withPerturbation(double p) {
            return new Settings(models, paper, steps, timedSteps, batch, p);
        }
    }

    /**
     * One model's comparison.
     *
     * @param lossDifference     the largest relative loss difference over the steps
     * @param gradientDifference the largest relative gradient difference of step 1 over the parameters
     * @param memoryA            bytes (see the class comment), or -1 where not known
     */
    public record Row(String model, String preset, int steps, double stepsPerSecondA, double stepsPerSecondB,
                      double lossDifference, double gradientDifference, long memoryA, long memoryB) {

        public double maxDifference() {
            return Math.max(lossDifference, gradientDifference);
        }
    }

    /** Every model's row, with the two devices. */
    public record Result(Device a, Device b, List<Row> rows) {

        /** The largest difference of any model (loss or gradient). */
        public double maxDifference() {
            return rows.stream().mapToDouble(Row::maxDifference).max().orElse(0);
        }

        /** Whether every model's losses and gradients agree within {@code tolerance}. */
        public boolean agrees(double tolerance) {
            return rows.stream().allMatch(r -> r.maxDifference() <= tolerance);
        }

        /** model, preset, steps/s on each device, the two differences, memory on each device. */
        public Table table() {
            String na = name(a).equals(name(b)) ? name(a) + " (A)" : name(a);
            String nb = name(a).equals(name(b)) ? name(b) + " (B)" : name(b);
            Table t = Table.create("device comparison: " + name(a) + " vs " + name(b),
                    StringColumn.create("model"), StringColumn.create("preset"), IntColumn.create("steps"),
                    DoubleColumn.create(na + " steps/s"), DoubleColumn.create(nb + " steps/s"),
                    DoubleColumn.create("max rel diff loss"), DoubleColumn.create("max rel diff grad step 1"),
                    DoubleColumn.create(na + " " + memoryLabel(a) + " MiB"),
                    DoubleColumn.create(nb + " " + memoryLabel(b) + " MiB"));
            for (Row r : rows) {
                t.stringColumn(0).append(r.model());
                t.stringColumn(1).append(r.preset());
                t.intColumn(2).append(r.steps());
                t.doubleColumn(3).append(r.stepsPerSecondA());
                t.doubleColumn(4).append(r.stepsPerSecondB());
                t.doubleColumn(5).append(r.lossDifference());
                t.doubleColumn(6).append(r.gradientDifference());
                t.doubleColumn(7).append(r.memoryA() < 0 ? Double.NaN : r.memoryA() / MIB);
                t.doubleColumn(8).append(r.memoryB() < 0 ? Double.NaN : r.memoryB() / MIB);
            }
            NumberColumnFormatter scientific = new NumberColumnFormatter(
                    new DecimalFormat("0.00E0", DecimalFormatSymbols.getInstance(Locale.ROOT)), "-");
            for (int c : new int[] {3, 4}) {
                t.doubleColumn(c).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
            }
            for (int c : new int[] {5, 6}) {
                t.doubleColumn(c).setPrintFormatter(scientific);
            }
            for (int c : new int[] {7, 8}) {
                t.doubleColumn(c).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
            }
            return t;
        }
    }

    private DeviceComparison() {}

    /** Compares every model of {@code s} on devices {@code a} and {@code b}; progress lines go to {@code log}. */
    public static Result run(Device a, Device b, Settings s, Consumer<String> log) {
        List<Row> rows = new ArrayList<>();
        for (ModelType type : s.models()) {
            String preset = s.paper() ? BenchSettings.paperPreset(type) : BenchSettings.smallPreset(type);
            ExperimentSpec spec = Presets.load(preset).withModelType(type);
            SignalBatch data = SyntheticImages.create(Math.max(2 * s.batch(), 8), spec.dataset().resolution(), 1);
            TrainingPlan plan = TrainingPlan.from(spec, data.count()).withSteps(s.steps()).withBatchSize(s.batch())
                    .withIntervals(0, 0, s.steps()).withCoordNoise(LossConfig.CoordNoise.NONE);
            log.accept(String.format(Locale.ROOT, "%s @ %s: %d steps on %s and on %s ...", type.yamlName(), preset,
                    s.steps(), name(a), name(b)));
            double[] diffs = compareSteps(spec, plan, data, a, b, s.perturbation());
            double rateA = Double.NaN;
            double rateB = Double.NaN;
            long memA = -1;
            long memB = -1;
            if (s.timedSteps() > 0) {
                // warm-up a quarter of the timed steps: the trainer then reads its loss back every warm-up-many steps
                int warm = Math.max(1, s.timedSteps() / 4);
                log.accept(String.format(Locale.ROOT, "%s: %d warm-up + %d timed steps on each device ...",
                        type.yamlName(), warm, s.timedSteps()));
                rateA = TrainingBench.run(spec, data, s.batch(), warm, 1, s.timedSteps(), a).stepsPerSecond().median();
                memA = memory(a);
                rateB = TrainingBench.run(spec, data, s.batch(), warm, 1, s.timedSteps(), b).stepsPerSecond().median();
                memB = memory(b);
            }
            rows.add(new Row(type.yamlName(), preset, s.steps(), rateA, rateB, diffs[0], diffs[1], memA, memB));
        }
        return new Result(a, b, List.copyOf(rows));
    }

    /** {loss difference, gradient difference} of the same steps on {@code a} and on {@code b}. */
    static double[] compareSteps(ExperimentSpec spec, TrainingPlan plan, SignalBatch data, Device a, Device b,
                                 double perturbation) {
        List<Double> losses = new ArrayList<>();
        List<Map<String, float[]>> gradients = new ArrayList<>();
        double[] diffs = new double[2];
        try (NDManager keep = GinrEngine.engine().newBaseManager(a)) {
            Map<String, NDArray> initial = new LinkedHashMap<>();
            train(spec, plan, data, a, null, keep, initial, (step, loss, grads) -> {
                losses.add(loss);
                if (step == 1) {
                    gradients.add(grads);
                }
            });
            train(spec, plan, data, b, initial, null, null, (step, loss, grads) -> {
                diffs[0] = Math.max(diffs[0], relative(losses.get((int) step - 1), loss));
                if (step == 1) {
                    Map<String, float[]> first = gradients.get(0);
                    double floor = GRADIENT_FLOOR * first.values().stream().mapToDouble(DeviceComparison::maxAbs)
                            .max().orElse(0);
                    for (Map.Entry<String, float[]> g : grads.entrySet()) {
                        diffs[1] = Math.max(diffs[1], relative(first.get(g.getKey()), g.getValue(), floor));
                    }
                }
            }, perturbation);
        }
        return diffs;
    }

    /** What a run reports per step: its loss and its gradients by parameter name, on the host. */
    private interface StepRecord {
        void step(long step, double loss, Map<String, float[]> gradients);
    }

    private static void train(ExperimentSpec spec, TrainingPlan plan, SignalBatch data, Device device,
                              Map<String, NDArray> from, NDManager keep, Map<String, NDArray> initial,
                              StepRecord record) {
        train(spec, plan, data, device, from, keep, initial, record, 0);
    }

    /**
     * Builds the model on {@code device} (from the spec's seed, or with the parameters {@code from}), keeps a copy
     * of its initial parameters in {@code initial} when asked, and trains it for the plan's steps.
     */
    private static void train(ExperimentSpec spec, TrainingPlan plan, SignalBatch data, Device device,
                              Map<String, NDArray> from, NDManager keep, Map<String, NDArray> initial,
                              StepRecord record, double perturbation) {
        try (NDManager manager = GinrEngine.engine().newBaseManager(device)) {
            GinrEngine.seed(spec.experiment().seed());
            try (GeneralizableInr model = Models.create(spec, manager, DataType.FLOAT32);
                 Trainer trainer = new Trainer(model, plan, Map.of())) {
                ParameterSet params = model.parameters();
                if (from != null) {
                    copyInto(params, from, perturbation);
                }
                if (initial != null) {
                    params.all().forEach((name, p) -> {
                        NDArray copy = p.duplicate();
                        copy.attach(keep);
                        initial.put(name, copy);
                    });
                }
                trainer.setGradientProbe((step, loss, ps, scope) -> {
                    Map<String, float[]> grads = new LinkedHashMap<>();
                    for (String name : ps.trainableNames()) {
                        NDArray g = ps.get(name).getGradient(); // a new handle on every call: keep it in the step
                        g.attach(scope);
                        grads.put(name, g.toFloatArray());
                    }
                    record.step(step, loss.getFloat(), grads);
                });
                TrainingResult r = trainer.train(new GridSignals(data), null, null, e -> { });
                if (!r.completed()) {
                    throw new IllegalStateException(spec.modelType().yamlName() + " on " + name(device)
                            + " stopped: " + r.stopReason());
                }
            }
        }
    }

    /** Sets every parameter from {@code from} (on any device); the trainable ones scaled by 1 + perturbation. */
    private static void copyInto(ParameterSet params, Map<String, NDArray> from, double perturbation) {
        try (NDManager scope = params.manager().newSubManager()) {
            GradMode.off(() -> params.all().forEach((name, target) -> {
                NDArray value = from.get(name).toDevice(target.getDevice(), true);
                value.attach(scope);
                if (perturbation != 0 && params.trainableNames().contains(name)) {
                    value = value.mul(1 + perturbation);
                }
                target.set(new NDIndex("..."), value);
            }));
        }
    }

    /** |x - y| / max(|x|, |y|); 0 when both are 0. */
    static double relative(double x, double y) {
        double scale = Math.max(Math.abs(x), Math.abs(y));
        return scale == 0 ? 0 : Math.abs(x - y) / scale;
    }

    /**
     * max|x - y| / max(max|x|, floor), over the entries; 0 when x equals y. The floor keeps a parameter whose
     * gradient is nearly zero (rounding noise) from dominating: it is compared at the scale of the step's gradients.
     */
    static double relative(float[] x, float[] y, double floor) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("gradients of different sizes: " + x.length + " and " + y.length);
        }
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            diff = Math.max(diff, Math.abs((double) x[i] - y[i]));
        }
        double scale = Math.max(maxAbs(x), floor);
        return diff == 0 ? 0 : scale == 0 ? Double.POSITIVE_INFINITY : diff / scale;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** GPU memory in use (whole device) on a GPU, the process's peak resident memory on the CPU; -1 if unknown. */
    private static long memory(Device d) {
        if (d.isGpu()) {
            try {
                return CudaUtils.getGpuMemory(d).getUsed();
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                return -1;
            }
        }
        return ProcessMemory.peakResidentBytes();
    }

    private static String memoryLabel(Device d) {
        return d.isGpu() ? "GPU memory in use" : "peak RSS";
    }

    /** cpu, gpu:0, ... */
    public static String name(Device d) {
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }
}
