package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;

/**
 * The head that turns weight-token outputs into one layer's instance-specific columns (PAPER.md §3): LayerNorm then
 * Linear(embed_dim -> fan_in) on each of the layer's T tokens, transposed so each token gives one column:
 * (B, T, D) -> (B, T, fan_in) -> (B, fan_in, T). For the composers T = r and the result is V(n); for TransINR T is the
 * number of weight groups.
 */
public final class WeightTokenHead {

    private final LayerNormLayer norm;
    private final DenseLayer linear;

    public WeightTokenHead(String name, int embedDim, int fanIn) {
        this.norm = new LayerNormLayer(name + ".ln", embedDim);
        this.linear = new DenseLayer(name + ".linear", embedDim, fanIn);
    }

    public void register(ParameterSet params) {
        norm.register(params);
        linear.register(params);
    }

    /** (B, T, D) -> (B, fan_in, T). */
    public NDArray columns(ParameterSet.Bound p, NDArray tokenOutputs) {
        return linear.apply(p, norm.apply(p, tokenOutputs)).transpose(0, 2, 1); // (B, T, fan_in) -> (B, fan_in, T)
    }
}
