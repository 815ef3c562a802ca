package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;

/**
 * The data encoder of the transformer hypernetwork (reference {@code arch.data_encoder}): cuts an observed signal
 * into L data tokens of D values each, one per patch. {@link PatchTokenizer} makes 2-D patches of images,
 * {@link AudioPatchTokenizer} 1-D patches of waveforms, {@link SupportViewTokenizer} patches of the support views of a
 * scene (RGB with each pixel's ray).
 */
public interface DataTokenizer {

    /** Number of tokens L per signal. */
    int tokenCount();

    /** Values per token, D. */
    int tokenDim();

    /** Observed signals (B, P, C), channel-last on their grid -> tokens (B, L, D). */
    NDArray tokens(NDArray values);
}
