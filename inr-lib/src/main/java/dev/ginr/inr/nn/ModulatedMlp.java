package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.ginr.inr.config.Activation;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.WeightInit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modulated coordinate MLP, the paper's "hyponet" (PAPER.md §2).
 *
 * <p>Coordinates (B, P, d) or a shared grid (P, d) go through {@link FourierFeatures}, then {@code n_layer} linear
 * layers with the activation between them, then {@code output_bias} is added: outputs (B, P, out).
 * Layer i stores weight and bias together as a (fan_in + 1, fan_out) matrix {@code hyponet.wb<i>}, the last row
 * being the bias, so that y = [h, 1] W.
 *
 * <p>Per-instance weights: {@link #forward} takes, for any layer, a per-instance weight of shape
 * (B, fan_in, fan_out), which replaces the layer's weight rows (its bias row stays shared), or of shape
 * (B, fan_in + 1, fan_out), which replaces weight and bias. Such layers become a batched matmul
 * (B, P, fan_in) x (B, fan_in, fan_out). Layers whose weight always comes from outside (the layers modulated by
 * instance pattern composers, whose W = V U ignores any base weight) keep only their bias row,
 * {@code hyponet.b<i>} of shape (1, fan_out).
 *
 * <p>With {@code normalize_weight} every layer's effective weight (modulated or not) has each output unit's incoming
 * weight vector, a column of the fan_in x fan_out weight with the bias row excluded, scaled to unit L2 norm.
 */
public final class ModulatedMlp {

    static final double NORM_EPS = 1e-12;

    /**
     * The largest activation one chunk of coordinates may make, in bytes. PyTorch's CPU tensors come from the C
     * allocator; with glibc's defaults a block at or above its mmap threshold (at most 32 MiB) is a fresh {@code mmap}
     * that the kernel zeroes on every use, so a paper-size step ((16, 178 x 178, 256) floats, about 500 MB per
     * activation) spent much of its time in page faults. Chunks of at most 16 MiB are reused from step to step
     * instead. Measured with the modulated-MLP step at 178x178 on 2 cores: 4.6-5.4 s with 16 MiB chunks, 5.3-6.6 s
     * with 8 MiB, about 10 s with 32 MiB and 7 s in one pass (see {@link dev.ginr.inr.HostAllocator}).
     */
    static final long CHUNK_BYTES = 16L << 20;

    private final HyponetConfig config;
    private final FourierFeatures fourier;
    private final Set<Integer> externalWeightLayers;

    /**
     * @param externalWeightLayers layers whose weight is always supplied per instance (no base weight is kept)
     */
    public ModulatedMlp(HyponetConfig config, Set<Integer> externalWeightLayers) {
        for (int layer : externalWeightLayers) {
            config.fanIn(layer); // validates the index with a clear message
        }
        this.config = config;
        this.fourier = new FourierFeatures(config.fourier(), config.inputDim());
        this.externalWeightLayers = Set.copyOf(externalWeightLayers);
    }

    public static String weightName(int layer) {
        return "hyponet.wb" + layer;
    }

    public static String biasName(int layer) {
        return "hyponet.b" + layer;
    }

    public HyponetConfig config() {
        return config;
    }

    /** Creates and registers the Fourier buffer and every layer's parameters in {@code params}. */
    public void register(ParameterSet params) {
        fourier.register(params);
        NDManager m = params.manager();
        DataType dt = params.dataType();
        for (int i = 0; i < config.nLayer(); i++) {
            int fanIn = config.fanIn(i);
            int fanOut = config.fanOut(i);
            NDArray bias = m.zeros(new Shape(1, fanOut), dt);
            if (externalWeightLayers.contains(i)) {
                params.add(biasName(i), bias, true);
            } else {
                NDArray weight = initialWeight(m, i, fanIn, fanOut, dt); // (fan_in, fan_out)
                params.add(weightName(i), weight.concat(bias, 0), true); // (fan_in + 1, fan_out)
            }
        }
    }

    private NDArray initialWeight(NDManager m, int layer, int fanIn, int fanOut, DataType dt) {
        Shape shape = new Shape(fanIn, fanOut);
        WeightInit init = config.weightInit();
        if (init == WeightInit.ZERO) {
            return m.zeros(shape, dt);
        }
        if (init == WeightInit.NORMAL) {
            return m.randomNormal(0f, 1f, shape, dt);
        }
        double bound;
        if (init == WeightInit.SIREN) {
            bound = layer == 0 ? 1.0 / fanIn : Math.sqrt(6.0 / fanIn) / config.sirenW0();
        } else if (init == WeightInit.UNIFORM_FAN_IN) {
            bound = 1.0 / Math.sqrt(fanIn);
        } else {
            // kaiming-uniform with a = sqrt(5) as the reference calls it: PyTorch's kaiming_uniform_ on the stored
            // (fan_in, fan_out) tensor takes its fan from dimension 1, so the bound is 1 / sqrt(fan_out)
            bound = 1.0 / Math.sqrt(fanOut);
        }
        return m.randomUniform((float) -bound, (float) bound, shape, dt);
    }

    /** The Fourier feature mapping the MLP starts with. */
    public FourierFeatures fourier() {
        return fourier;
    }

    /** Layers that keep a base weight (all but the external-weight layers). */
    public boolean hasBaseWeight(int layer) {
        return !externalWeightLayers.contains(layer);
    }

    /**
     * Runs the MLP.
     *
     * @param p               step-scoped parameter views
     * @param coords          (B, P, input_dim) or a grid (P, input_dim) shared by all instances
     * @param instanceWeights per-instance weights by layer, (B, fan_in, fan_out) or (B, fan_in + 1, fan_out)
     * @return (B, P, output_dim), or (P, output_dim) if nothing is per-instance and the grid is shared
     */
    public NDArray forward(ParameterSet.Bound p, NDArray coords, Map<Integer, NDArray> instanceWeights) {
        return forward(p, coords, instanceWeights, CHUNK_BYTES);
    }

    /** {@link #forward} taking the coordinates in chunks whose activations stay within {@code chunkBytes}. */
    NDArray forward(ParameterSet.Bound p, NDArray coords, Map<Integer, NDArray> instanceWeights, long chunkBytes) {
        int pointAxis = coords.getShape().dimension() - 2;
        long points = coords.getShape().get(pointAxis);
        long chunk = pointsPerChunk(coords, instanceWeights, chunkBytes);
        if (points <= chunk) {
            List<NDArray> outputs = layerOutputs(p, coords, instanceWeights);
            return outputs.get(outputs.size() - 1);
        }
        NDArray[][] weights = new NDArray[config.nLayer()][];
        for (int i = 0; i < config.nLayer(); i++) {
            weights[i] = effectiveWeight(p, i, instanceWeights.get(i)); // once for all chunks
        }
        NDList parts = new NDList();
        for (long start = 0; start < points; start += chunk) {
            NDIndex range = new NDIndex().addEllipseDim().addSliceDim(start, Math.min(points, start + chunk))
                    .addAllDim(); // coordinates [start, end) of every instance: (…, chunk, d)
            NDArray h = fourier.apply(p, coords.get(range));
            for (int i = 0; i < config.nLayer(); i++) {
                h = apply(i, h, weights[i]);
            }
            parts.add(h); // (B, chunk, out) or (chunk, out)
        }
        NDArray out = NDArrays.concat(parts, parts.head().getShape().dimension() - 2); // (B, P, out) or (P, out)
        return config.outputBias() != 0 ? out.add(config.outputBias()) : out;
    }

    /**
     * How many coordinates one pass of {@link #forward} takes at a time: as many as keep every activation (B, chunk,
     * width) within {@code chunkBytes}. Larger renders and paper-size steps run chunk by chunk, with the same
     * result and gradients as one pass.
     */
    long pointsPerChunk(NDArray coords, Map<Integer, NDArray> instanceWeights, long chunkBytes) {
        long batch = coords.getShape().dimension() > 2 ? coords.getShape().get(0) : 1;
        for (NDArray w : instanceWeights.values()) {
            batch = Math.max(batch, w.getShape().get(0));
        }
        long bytesPerPoint = batch * config.maxWidth() * (long) coords.getDataType().getNumOfBytes();
        return Math.max(1, chunkBytes / bytesPerPoint);
    }

    /**
     * Runs the MLP and keeps what every layer makes (for the activation analysis): entry i is layer i's output,
     * after the activation for the hidden layers; the last entry is the MLP's output (output bias added).
     *
     * @return n_layer arrays, (B, P, fan_out(i)) or (P, fan_out(i)) as {@link #forward} returns
     */
    public List<NDArray> layerOutputs(ParameterSet.Bound p, NDArray coords, Map<Integer, NDArray> instanceWeights) {
        List<NDArray> outputs = new ArrayList<>();
        NDArray h = fourier.apply(p, coords); // (B, P, fan_in_0) or (P, fan_in_0)
        for (int i = 0; i < config.nLayer(); i++) {
            h = layer(p, i, h, instanceWeights.get(i));
            outputs.add(h);
        }
        if (config.outputBias() != 0) {
            outputs.set(outputs.size() - 1, h.add(config.outputBias()));
        }
        return outputs;
    }

    /**
     * One layer: y = act([h, 1] W) with the layer's {@link #effectiveWeight} (no activation after the last layer).
     *
     * @param h              (B, P, fan_in) or (P, fan_in)
     * @param instanceWeight the layer's per-instance weight, or null for its shared weight
     * @return (B, P, fan_out), or (P, fan_out) for a shared weight on a shared input
     */
    public NDArray layer(ParameterSet.Bound p, int i, NDArray h, NDArray instanceWeight) {
        return apply(i, h, effectiveWeight(p, i, instanceWeight));
    }

    /** Layer {@code i} with its effective weight {@code wb} = {weight, bias} (see {@link #effectiveWeight}). */
    private NDArray apply(int i, NDArray h, NDArray[] wb) {
        NDArray y;
        if (wb[0].getShape().dimension() == 2) { // shared weight: one fused matmul + bias (addmm)
            y = Linear.linear(h, wb[0].transpose(), wb[1].reshape(-1)).singletonOrThrow(); // (…, P, fan_out)
        } else {
            y = h.matMul(wb[0]).add(wb[1]); // (B, P, fan_in) x (B, fan_in, fan_out) -> (B, P, fan_out)
        }
        return i < config.nLayer() - 1 ? activate(y) : y;
    }

    /**
     * The weight rows and bias row layer {@code i} applies: {weight (…, fan_in, fan_out), bias (…, 1, fan_out)},
     * the weight normalised per output column when {@code normalize_weight} is on.
     */
    public NDArray[] effectiveWeight(ParameterSet.Bound p, int i, NDArray instanceWeight) {
        int fanIn = config.fanIn(i);
        NDArray weight;
        NDArray bias;
        if (instanceWeight != null) {
            long rows = instanceWeight.getShape().get(instanceWeight.getShape().dimension() - 2);
            checkInstanceWeight(i, instanceWeight, rows);
            if (rows == fanIn + 1) {
                weight = instanceWeight.get(new NDIndex("..., :-1, :")); // (B, fan_in, fan_out)
                bias = instanceWeight.get(new NDIndex("..., -1:, :")); // (B, 1, fan_out)
            } else {
                weight = instanceWeight; // (B, fan_in, fan_out)
                bias = sharedBias(p, i);
            }
        } else {
            if (!hasBaseWeight(i)) {
                throw new IllegalArgumentException("layer " + i + " is modulated by instance pattern composers and "
                        + "has no base weight: pass its per-instance weight V U");
            }
            NDArray wb = p.get(weightName(i)); // (fan_in + 1, fan_out)
            weight = wb.get(new NDIndex(":-1, :")); // (fan_in, fan_out)
            bias = wb.get(new NDIndex("-1:, :")); // (1, fan_out)
        }
        if (config.normalizeWeight()) {
            int rowAxis = weight.getShape().dimension() - 2;
            weight = weight.normalize(2, rowAxis, NORM_EPS); // unit L2 norm of every column over fan_in
        }
        return new NDArray[] {weight, bias};
    }

    private NDArray sharedBias(ParameterSet.Bound p, int i) {
        if (hasBaseWeight(i)) {
            return p.get(weightName(i)).get(new NDIndex("-1:, :")); // (1, fan_out)
        }
        return p.get(biasName(i)); // (1, fan_out)
    }

    private void checkInstanceWeight(int i, NDArray w, long rows) {
        Shape s = w.getShape();
        int fanIn = config.fanIn(i);
        int fanOut = config.fanOut(i);
        boolean ok = s.dimension() == 3 && (rows == fanIn || rows == fanIn + 1) && s.get(2) == fanOut;
        if (!ok) {
            throw new IllegalArgumentException("per-instance weight of layer " + i + " has shape " + s + "; expected (B, "
                    + fanIn + ", " + fanOut + ") or (B, " + (fanIn + 1) + ", " + fanOut + ")");
        }
    }

    /** The hidden activation (package-visible so that {@link InnerGradient} applies exactly the same one). */
    NDArray activate(NDArray h) {
        Activation a = config.activation();
        if (a == Activation.RELU) {
            return ai.djl.nn.Activation.relu(h);
        }
        if (a == Activation.SIREN) {
            return GraphScalar.scale(h, config.sirenW0()).sin();
        }
        return h.mul(ai.djl.nn.Activation.sigmoid(h)); // SiLU: x * sigmoid(x)
    }
}
