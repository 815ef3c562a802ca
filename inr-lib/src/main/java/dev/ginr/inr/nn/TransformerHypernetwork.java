package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.TransformerConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The transformer hypernetwork of TransINR and of the paper (PAPER.md §3): data tokens from the
 * {@link DataTokenizer} (2-D or 1-D patches), mapped to the embedding width by the latent mapping (one linear layer plus a learned
 * positional embedding, init N(0, 1)), followed by T learnable weight tokens (init N(0, 1)); a stack of pre-LN
 * {@link TransformerBlock}s reads them all, and the outputs at the weight-token positions are returned.
 *
 * <p>Observed signal (B, H W, C) -> data tokens (B, L, C p p) -> (B, L, D) ++ weight tokens (B, T, D) ->
 * transformer -> (B, T, D).
 */
public final class TransformerHypernetwork {

    private static final String POSITIONS = "hypernet.latent_mapping.positional_embedding";
    private static final String WEIGHT_TOKENS = "hypernet.weight_tokens";

    private final DataTokenizer tokenizer;
    private final DenseLayer latentMapping;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final int embedDim;
    private final int weightTokens;

    /**
     * @param weightTokens number of weight tokens T (the rank r of the composers, or the TransINR weight groups)
     */
    public TransformerHypernetwork(DataTokenizer tokenizer, TransformerConfig transformer, int weightTokens) {
        if (weightTokens < 1) {
            throw new IllegalArgumentException("the hypernetwork needs at least one weight token, got " + weightTokens);
        }
        this.tokenizer = tokenizer;
        this.embedDim = transformer.embedDim();
        this.weightTokens = weightTokens;
        this.latentMapping = new DenseLayer("hypernet.latent_mapping.linear", tokenizer.tokenDim(), embedDim);
        for (int i = 0; i < transformer.nLayer(); i++) {
            blocks.add(new TransformerBlock("hypernet.transformer.block" + i, transformer));
        }
    }

    public void register(ParameterSet params) {
        latentMapping.register(params);
        params.add(POSITIONS, params.manager().randomNormal(0, 1, new Shape(tokenizer.tokenCount(), embedDim),
                params.dataType()), true);
        params.add(WEIGHT_TOKENS, params.manager().randomNormal(0, 1, new Shape(weightTokens, embedDim),
                params.dataType()), true);
        blocks.forEach(b -> b.register(params));
    }

    public int weightTokenCount() {
        return weightTokens;
    }

    public int embedDim() {
        return embedDim;
    }

    public DataTokenizer tokenizer() {
        return tokenizer;
    }

    /** Observed signals (B, H W, C) -> transformer outputs at the weight tokens (B, T, D). */
    public NDArray weightTokenOutputs(ParameterSet.Bound p, NDArray values, boolean training) {
        long b = values.getShape().get(0);
        NDArray data = latentMapping.apply(p, tokenizer.tokens(values)).add(p.get(POSITIONS)); // (B, L, D)
        NDArray tokens = p.get(WEIGHT_TOKENS).expandDims(0).broadcast(b, weightTokens, embedDim); // (B, T, D)
        NDArray x = data.concat(tokens, 1); // (B, L + T, D)
        for (TransformerBlock block : blocks) {
            x = block.apply(p, x, training);
        }
        return x.get(":, " + tokenizer.tokenCount() + ":, :"); // (B, T, D)
    }
}
