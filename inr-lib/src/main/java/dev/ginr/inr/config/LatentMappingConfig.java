package dev.ginr.inr.config;

import java.util.List;

/**
 * Maps data tokens to transformer inputs (reference path {@code arch.latent_mapping}): with one layer a single
 * Linear(token_dim -> latent_dim); with more, an MLP through {@code hiddenDim} with {@code activation} between layers.
 * With {@code usePe} a learned positional embedding (init N(0, 1)) of shape (nPatches, latent_dim) is added.
 *
 * @param nPatches   number of data tokens L (must equal the tokenizer's count: 400 for 178x178 with p = 9, pad 1)
 * @param nLayer     number of Linear layers (1 in the paper)
 * @param activation activation between layers when {@code nLayer > 1}
 * @param hiddenDim  hidden widths (one for all, or one per hidden layer); dropped with one layer
 * @param latentDim  output width, equal to the transformer's embed_dim
 * @param usePe      add a learned positional embedding per token position
 */
public record LatentMappingConfig(int nPatches, int nLayer, Activation activation, List<Integer> hiddenDim,
                                  int latentDim, boolean usePe) {

    public static final String PATH = "arch.latent_mapping";

    public LatentMappingConfig {
        // unused by a single Linear: dropped, so that equal mappings compare equal
        hiddenDim = nLayer > 1 && hiddenDim != null ? List.copyOf(hiddenDim) : List.of();
        ConfigException.require(nPatches >= 1, PATH + ".n_patches", nPatches, "a positive number of tokens");
        ConfigException.require(nLayer >= 1, PATH + ".n_layer", nLayer, "at least 1 (1 = a single Linear)");
        ConfigException.require(activation != null, PATH + ".activation", null, "one of relu, siren, silu");
        ConfigException.require(latentDim >= 1, PATH + ".latent_dim", latentDim, "a positive width");
        if (nLayer > 1) {
            ConfigException.require(hiddenDim.size() == 1 || hiddenDim.size() == nLayer - 1, PATH + ".hidden_dim",
                    hiddenDim, "one width, or one per hidden layer (" + (nLayer - 1) + ")");
            for (int h : hiddenDim) {
                ConfigException.require(h >= 1, PATH + ".hidden_dim", hiddenDim, "positive widths");
            }
        }
    }

    /** The paper's mapping: one Linear to {@code latentDim} plus a learned positional embedding. */
    public static LatentMappingConfig linear(int nPatches, int latentDim) {
        return new LatentMappingConfig(nPatches, 1, Activation.RELU, List.of(), latentDim, true);
    }
}
