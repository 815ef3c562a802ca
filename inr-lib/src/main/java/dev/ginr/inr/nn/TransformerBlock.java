package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import dev.ginr.inr.config.TransformerConfig;

/**
 * One pre-LayerNorm transformer block (PAPER.md §3): x = x + drop(Attention(LN(x))); x = x + drop(MLP(LN(x))),
 * the MLP being Linear(D, k D) -> GELU -> Linear(k D, D) with k = {@code block.mlp_ratio} (4 in the reference).
 * Multi-head self-attention without a mask; the residual dropout (and the optional dropout on attention weights) is
 * active only in training. Shapes (B, N, D) -> (B, N, D).
 */
public final class TransformerBlock {

    private final int heads;
    private final int dim;
    private final float dropout;
    private final float attentionDropout;
    private final LayerNormLayer attentionNorm;
    private final DenseLayer query;
    private final DenseLayer key;
    private final DenseLayer value;
    private final DenseLayer attentionOut;
    private final LayerNormLayer mlpNorm;
    private final DenseLayer mlpIn;
    private final DenseLayer mlpOut;

    /** A block of the shape {@code config} gives (width, heads, MLP ratio, dropout rates; validated there). */
    public TransformerBlock(String name, TransformerConfig config) {
        int dim = config.embedDim();
        this.dim = dim;
        this.heads = config.nHead();
        this.dropout = (float) config.residDropout();
        this.attentionDropout = (float) config.attnDropout();
        this.attentionNorm = new LayerNormLayer(name + ".ln1", dim);
        this.query = new DenseLayer(name + ".attn.q", dim, dim);
        this.key = new DenseLayer(name + ".attn.k", dim, dim);
        this.value = new DenseLayer(name + ".attn.v", dim, dim);
        this.attentionOut = new DenseLayer(name + ".attn.out", dim, dim);
        this.mlpNorm = new LayerNormLayer(name + ".ln2", dim);
        int hidden = config.mlpRatio() * dim;
        this.mlpIn = new DenseLayer(name + ".mlp.fc1", dim, hidden);
        this.mlpOut = new DenseLayer(name + ".mlp.fc2", hidden, dim);
    }

    public void register(ParameterSet params) {
        attentionNorm.register(params);
        query.register(params);
        key.register(params);
        value.register(params);
        attentionOut.register(params);
        mlpNorm.register(params);
        mlpIn.register(params);
        mlpOut.register(params);
    }

    public NDArray apply(ParameterSet.Bound p, NDArray x, boolean training) {
        x = x.add(drop(attention(p, attentionNorm.apply(p, x), training), dropout, training));
        NDArray hidden = Activation.gelu(mlpIn.apply(p, mlpNorm.apply(p, x))); // (B, N, k D)
        return x.add(drop(mlpOut.apply(p, hidden), dropout, training));
    }

    private NDArray attention(ParameterSet.Bound p, NDArray x, boolean training) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        int headDim = dim / heads;
        NDArray q = splitHeads(query.apply(p, x), b, n, headDim); // (B, H, N, Dh)
        NDArray k = splitHeads(key.apply(p, x), b, n, headDim); // (B, H, N, Dh)
        NDArray v = splitHeads(value.apply(p, x), b, n, headDim); // (B, H, N, Dh)
        NDArray scores = GraphScalar.scale(q.matMul(k.transpose(0, 1, 3, 2)), 1 / Math.sqrt(headDim)); // (B, H, N, N)
        NDArray mixed = drop(scores.softmax(-1), attentionDropout, training).matMul(v); // (B, H, N, Dh)
        NDArray merged = mixed.transpose(0, 2, 1, 3).reshape(b, n, dim); // (B, N, D)
        return attentionOut.apply(p, merged);
    }

    private NDArray splitHeads(NDArray x, long b, long n, int headDim) {
        return x.reshape(b, n, heads, headDim).transpose(0, 2, 1, 3); // (B, N, D) -> (B, H, N, Dh)
    }

    private static NDArray drop(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, rate, true).singletonOrThrow() : x;
    }
}
