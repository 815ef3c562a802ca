package dev.ginr.inr.config;

/**
 * The transformer hypernetwork (reference path {@code arch.transformer}): {@code nLayer} pre-LayerNorm blocks,
 * x = x + Dropout(Attn(LN(x))); x = x + Dropout(MLP(LN(x))), MLP = Linear(D, ratio D), GELU, Linear(ratio D, D),
 * over tokens of shape (B, L, D) with D = embed_dim, no causal mask.
 *
 * @param nLayer       number of blocks (paper: 6)
 * @param embedDim     token width D (paper: 768); must be divisible by {@code nHead}
 * @param nHead        attention heads (paper: 12)
 * @param mlpRatio     hidden width of the block MLP relative to D (4 in the reference)
 * @param residDropout dropout on each residual branch (reference {@code block.resid_pdrop}, 0.1)
 * @param attnDropout  dropout on the attention weights (reference {@code block.attn_pdrop}, 0)
 */
public record TransformerConfig(int nLayer, int embedDim, int nHead, int mlpRatio, double residDropout,
                                double attnDropout) {

    public static final String PATH = "arch.transformer";

    public TransformerConfig {
        ConfigException.require(nLayer >= 1, PATH + ".n_layer", nLayer, "at least 1 block");
        ConfigException.require(embedDim >= 1, PATH + ".embed_dim", embedDim, "a positive width");
        ConfigException.require(nHead >= 1, PATH + ".block.n_head", nHead, "at least 1 head");
        ConfigException.require(embedDim % nHead == 0, PATH + ".embed_dim", embedDim,
                "a multiple of block.n_head = " + nHead + " (each head gets embed_dim / n_head features)");
        ConfigException.require(mlpRatio >= 1, PATH + ".block.mlp_ratio", mlpRatio, "a positive integer (4)");
        requireProbability(residDropout, PATH + ".block.resid_pdrop");
        requireProbability(attnDropout, PATH + ".block.attn_pdrop");
    }

    /** The reference defaults: MLP ratio 4, residual dropout 0.1, attention dropout 0. */
    public static TransformerConfig of(int nLayer, int embedDim, int nHead) {
        return new TransformerConfig(nLayer, embedDim, nHead, 4, 0.1, 0.0);
    }

    /** Width of each attention head. */
    public int headDim() {
        return embedDim / nHead;
    }

    private static void requireProbability(double p, String path) {
        ConfigException.require(p >= 0 && p < 1, path, p, "a dropout probability in [0, 1)");
    }
}
