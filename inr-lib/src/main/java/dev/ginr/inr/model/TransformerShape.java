package dev.ginr.inr.model;

/**
 * The size of a transformer hypernetwork (reference {@code arch.transformer}).
 *
 * @param embedDim width D of every token
 * @param layers   number of pre-LN blocks
 * @param heads    attention heads (D must be divisible by it)
 * @param dropout  residual dropout, active in training only (0.1 in the reference)
 * @param attentionDropout dropout on the attention weights, training only (0 in the reference)
 */
public record TransformerShape(int embedDim, int layers, int heads, double dropout, double attentionDropout) {

    public TransformerShape(int embedDim, int layers, int heads, double dropout) {
        this(embedDim, layers, heads, dropout, 0);
    }

    public TransformerShape {
        if (embedDim < 1 || layers < 1 || heads < 1 || embedDim % heads != 0) {
            throw new IllegalArgumentException("transformer needs embed_dim, n_layer, n_head >= 1 and embed_dim "
                    + "divisible by n_head; got embed_dim " + embedDim + ", n_layer " + layers + ", n_head " + heads);
        }
        if (!(dropout >= 0 && dropout < 1) || !(attentionDropout >= 0 && attentionDropout < 1)) {
            throw new IllegalArgumentException("dropout rates must lie in [0, 1), got " + dropout + " and "
                    + attentionDropout);
        }
    }
}
