package dev.ginr.inr.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import dev.ginr.inr.nn.GraphScalar;

import java.util.ArrayList;
import java.util.List;

/**
 * Volume rendering with per-ray alpha compositing over a white background (the reference's
 * {@code volumn_rendering}, as in the Learned Init authors' NeRF code).
 *
 * <p>For one ray with S samples at depths z_1 < ... < z_S, raw field outputs (c'_k, sigma'_k):
 * <pre>
 *   c_k = sigmoid(c'_k), sigma_k = relu(sigma'_k), delta_k = z_{k+1} - z_k (delta_S = 1e-3),
 *   alpha_k = 1 - exp(-sigma_k delta_k), T_k = prod_{j<k} min(1, 1 - alpha_j + 1e-10),
 *   w_k = alpha_k T_k,  C = sum_k w_k c_k + (1 - sum_k w_k) * 1.
 * </pre>
 * The intervals are measured in the ray parameter (depth), as in the reference; sum_k w_k is the ray's opacity and
 * 1 - sum_k w_k = prod_k (1 - alpha_k) its transmittance. Every step is a tensor operation, so gradients flow from
 * the colours back into the field (and through it into the hyponet's weights).
 *
 * <p>{@link #render} samples points with a {@link StratifiedSampler}, queries the field and composites, a chunk of
 * rays at a time: without autograd recording (evaluation, rendering views), each chunk's intermediates (points, raw
 * outputs, weights) live in a sub-manager closed after the chunk, so a 128 x 128 view (16384 rays x 128 samples)
 * needs the memory of one chunk, not of the whole view. While autograd records (a training step) the chunks stay in
 * the caller's scope: the backward pass needs every chunk's graph anyway, and closing a chunk's scope before it would
 * free constants that autograd saved ({@link GraphScalar}).
 */
public final class VolumeRenderer {

    /** The length given to the last interval of every ray, as in the reference. */
    public static final double LAST_INTERVAL = 1e-3;
    /** The reference's ray chunk at evaluation ({@code experiment.ray_subbatch_size_eval}). */
    public static final int REFERENCE_CHUNK = 1024;
    /**
     * Sample points of all instances rendered at once on a CPU outside autograd. Larger chunks allocate tensors
     * above glibc's mmap threshold, which the kernel zeroes again on every allocation (DJL-NOTES.md): on 2 cores an
     * evaluation of 8 scenes x 1024 rays x 32 points per chunk spent a third of its time in the kernel.
     */
    public static final long CPU_POINTS_PER_CHUNK = 1L << 15;

    private final StratifiedSampler sampler;
    private final int chunkRays;

    /**
     * @param sampler   where along each ray the field is queried
     * @param chunkRays rays per chunk (per instance); bounds the memory of one render step
     */
    public VolumeRenderer(StratifiedSampler sampler, int chunkRays) {
        if (chunkRays < 1) {
            throw new IllegalArgumentException("rays per chunk must be positive, got " + chunkRays);
        }
        this.sampler = sampler;
        this.chunkRays = chunkRays;
    }

    public StratifiedSampler sampler() {
        return sampler;
    }

    /**
     * Renders the colour of every ray.
     *
     * @param field  the radiance field of the batch, (B, P, 3) -> (B, P, 4)
     * @param rays   (B, R, 3)
     * @param jitter jitter the sample depths (training)
     * @return (B, R, 3) colours in [0, 1], attached to the rays' manager
     */
    public NDArray render(RadianceField field, Rays rays, boolean jitter) {
        NDManager parent = rays.origins().getManager();
        boolean recording = JniUtils.isGradMode();
        long r = rays.count();
        long step = chunkRays(rays, recording);
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < r; from += step) {
            Rays chunk = rays.slice(from, Math.min(r, from + step)); // (B, r_c, 3)
            if (recording) {
                parts.add(renderChunk(field, chunk, jitter));
                continue;
            }
            try (NDManager scope = parent.newSubManager()) {
                NDArray rgb = renderChunk(field, chunk.attach(scope), jitter);
                rgb.attach(parent);
                parts.add(rgb);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = NDArrays.concat(new NDList(parts), 1); // (B, R, 3)
        parts.forEach(NDArray::close);
        return all;
    }

    /** Rays per instance in one chunk: {@code chunkRays}, fewer on a CPU outside autograd. */
    private long chunkRays(Rays rays, boolean recording) {
        if (recording || rays.origins().getDevice().isGpu()) {
            return chunkRays;
        }
        long perRay = rays.origins().getShape().get(0) * sampler.samplesPerRay(); // B S points per ray index
        return Math.max(1, Math.min(chunkRays, CPU_POINTS_PER_CHUNK / perRay));
    }

    /** Colours (B, r_c, 3) of one chunk of rays (B, r_c, 3). */
    private NDArray renderChunk(RadianceField field, Rays chunk, boolean jitter) {
        StratifiedSampler.RaySamples samples = sampler.sample(chunk, jitter);
        NDArray raw = field.query(samples.points()); // (B, r_c S, 4)
        return composite(raw, samples.depths()).rgb(); // (B, r_c, 3)
    }

    /**
     * Alpha compositing of raw field outputs.
     *
     * @param raw    (B, R S, 4): colour logits, then density before the ReLU; the S samples of a ray consecutive
     * @param depths (B, R, S)
     * @return colours (B, R, 3) over white and opacities (B, R)
     */
    public static Composite composite(NDArray raw, NDArray depths) {
        Shape ds = depths.getShape();
        long b = ds.get(0);
        long r = ds.get(1);
        long s = ds.get(2);
        if (!raw.getShape().equals(new Shape(b, r * s, 4))) {
            throw new IllegalArgumentException("raw field outputs must be (B, R S, 4) = " + new Shape(b, r * s, 4)
                    + " for depths " + ds + ", got " + raw.getShape());
        }
        NDArray field = raw.reshape(b, r, s, 4); // (B, R, S, 4)
        NDArray rgb = Activation.sigmoid(field.get(new NDIndex("..., :3"))); // (B, R, S, 3)
        NDArray sigma = Activation.relu(field.get(new NDIndex("..., 3"))); // (B, R, S)
        NDArray one = GraphScalar.of(sigma, 1);
        NDArray last = depths.get(new NDIndex("..., -1:")).zerosLike().add(GraphScalar.of(depths, LAST_INTERVAL));
        NDArray deltas = depths.get(new NDIndex("..., 1:")).sub(depths.get(new NDIndex("..., :-1")))
                .concat(last, 2); // (B, R, S)
        NDArray alpha = one.sub(sigma.mul(deltas).neg().exp()); // (B, R, S)
        NDArray passed = one.sub(alpha).add(GraphScalar.of(alpha, 1e-10)).minimum(one); // (B, R, S)
        NDArray shifted = passed.get(new NDIndex("..., :1")).onesLike()
                .concat(passed.get(new NDIndex("..., :-1")), 2); // (B, R, S): 1, passed_1, ..., passed_{S-1}
        NDArray weights = alpha.mul(shifted.cumProd(2)); // (B, R, S)
        NDArray opacity = weights.sum(new int[] {2}); // (B, R)
        NDArray colour = weights.expandDims(3).mul(rgb).sum(new int[] {2}) // (B, R, 3)
                .add(one.sub(opacity).expandDims(2)); // white background
        return new Composite(colour, opacity);
    }

    /**
     * The result of compositing.
     *
     * @param rgb     (B, R, 3) colours over a white background
     * @param opacity (B, R) sum of the weights, 1 - transmittance
     */
    public record Composite(NDArray rgb, NDArray opacity) {}
}
