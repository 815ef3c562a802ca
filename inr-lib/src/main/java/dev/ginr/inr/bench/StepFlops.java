package dev.ginr.inr.bench;

import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.TransformerConfig;

import java.util.Map;

/**
 * Analytic floating-point operation counts of one training step, used to turn measured steps/s into a fraction of the
 * machine's matrix-multiply peak.
 *
 * <p>What is counted: matrix products only, 2 n k m FLOPs for (n, k) x (k, m), batched products once per batch
 * element. Bias adds, activations, weight normalisation, LayerNorm, softmax, the TransINR elementwise modulation and
 * the optimiser are not counted: they are memory-bound and small next to the products. A training step is taken as
 * 3 x its forward products (the backward pass computes two products per forward product: one for the input
 * gradient, one for the weight gradient). For meta-learning the forward graph holds the inner loop: each inner step
 * is a hyponet forward plus its gradient with respect to the adapted weights (counted as 2 more forwards, the
 * gradient itself being two products per layer), and a final forward after the last inner step, so the forward
 * graph is (3 n_inner + 1) hyponet forwards; the outer backward is then 2 x that again (second order).
 *
 * @param hyponetForward   FLOPs of one hyponet forward over the batch (Fourier product, every layer, and the
 *                         composer products V U when composers are used)
 * @param hypernetForward  FLOPs of the transformer hypernetwork forward (latent mapping, blocks, heads); 0 for the
 *                         meta-learned models
 * @param forwardGraph     FLOPs of every product in the step's forward graph
 */
public record StepFlops(long hyponetForward, long hypernetForward, long forwardGraph) {

    /** A training step: 3 x the forward graph (forward + backward). */
    public long trainingStep() {
        return 3 * forwardGraph;
    }

    /** The hyponet's share of a training step: 3 x the hyponet forwards in the step's graph. */
    public long hyponetTrainingStep() {
        return trainingStep() - 3 * hypernetForward;
    }

    /** The counts of one training step of {@code spec}'s model with {@code batch} signals on its own grid. */
    public static StepFlops of(ExperimentSpec spec, int batch) {
        HyponetConfig h = spec.hyponet();
        int side = spec.dataset().resolution();
        long points = (long) side * side;
        Map<Integer, Integer> ranks = spec.modelType().usesComposers() ? spec.composer().rankByLayer() : Map.of();
        long mlp = hyponetForward(h, batch, points, ranks);
        ModelType type = spec.modelType();
        if (type.isMetaLearning()) {
            int inner = spec.meta().nInnerStep();
            return new StepFlops(mlp, 0, (3L * inner + 1) * mlp);
        }
        TransformerConfig t = spec.transformer();
        Map<Integer, Integer> tokensByLayer = type.usesComposers() ? ranks
                : spec.weightGroups().groupsByLayer(h);
        long hyper = transformerForward(batch, spec.tokenCount().orElseThrow(), spec.dataEncoder().tokenDim(),
                t.embedDim(), t.nLayer(), t.mlpRatio(), tokensByLayer, h);
        return new StepFlops(mlp, hyper, mlp + hyper);
    }

    /**
     * One hyponet forward: the Fourier product (B P, d) x (d, ff_dim), every layer (B P, fan_in) x (fan_in, fan_out),
     * and for each modulated layer the composer product (B; fan_in, r) x (r, fan_out).
     *
     * @param ranks rank r by modulated layer (empty when no composers are used)
     */
    public static long hyponetForward(HyponetConfig h, long batch, long points, Map<Integer, Integer> ranks) {
        long rows = batch * points;
        long flops = h.fourier().type() == dev.ginr.inr.config.FourierType.NONE ? 0
                : product(rows, h.inputDim(), h.fourier().ffDim());
        for (int i = 0; i < h.nLayer(); i++) {
            flops += product(rows, h.fanIn(i), h.fanOut(i));
        }
        for (Map.Entry<Integer, Integer> e : ranks.entrySet()) {
            int layer = e.getKey();
            flops += batch * product(h.fanIn(layer), e.getValue(), h.fanOut(layer));
        }
        return flops;
    }

    /**
     * The transformer hypernetwork forward over N = L + T tokens of width D: the latent mapping (B L, C p p) x
     * (C p p, D); per block the four projections q, k, v, out (4 x 2 B N D^2), scores and mixing (2 x 2 B N^2 D over
     * all heads) and the MLP (2 x 2 B N D (ratio D)); then per modulated layer a head (B T_l, D) x (D, fan_in).
     *
     * @param tokensByLayer weight tokens T_l by modulated layer (the rank, or the TransINR weight groups)
     */
    public static long transformerForward(long batch, long dataTokens, long tokenDim, long dim, int blocks,
                                          int mlpRatio, Map<Integer, Integer> tokensByLayer, HyponetConfig h) {
        long weightTokens = tokensByLayer.values().stream().mapToLong(Integer::longValue).sum();
        long n = dataTokens + weightTokens;
        long flops = product(batch * dataTokens, tokenDim, dim);
        long perBlock = 4 * product(batch * n, dim, dim) // q, k, v, out projections
                + 2 * product(batch * n, dim, n) // q k^T and attention x v, summed over heads
                + 2 * product(batch * n, dim, (long) mlpRatio * dim); // MLP in and out
        flops += blocks * perBlock;
        for (Map.Entry<Integer, Integer> e : tokensByLayer.entrySet()) {
            flops += product(batch * e.getValue(), dim, h.fanIn(e.getKey()));
        }
        return flops;
    }

    /** FLOPs of an (n, k) x (k, m) product: 2 n k m. */
    public static long product(long n, long k, long m) {
        return 2 * n * k * m;
    }
}
