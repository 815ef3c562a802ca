package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.DataEncoderConfig;

/**
 * The 1-D data encoder for waveforms (PAPER.md §3, reference {@code arch.data_encoder.type: unfold_audio}): a mono
 * clip of T samples is cut into non-overlapping patches of p samples, each one token. With {@code usePadding} a clip
 * whose length is not a multiple of p is first extended at its end by reflection to ceil(T / p) p samples, as the
 * reference does with PyTorch's {@code F.pad(mode="reflect")}: the padding mirrors the last samples without
 * repeating the edge, x[T - 1 + i] = x[T - 1 - i] for i = 1..pad. Without it, the trailing T mod p samples are
 * dropped.
 *
 * <p>Input (B, T, 1), output (B, L, p) with L = ceil(T / p) (padding) or floor(T / p). One second at 16 kHz with
 * p = 200 gives 80 tokens; three seconds give 240.
 */
public final class AudioPatchTokenizer implements DataTokenizer {

    private final int patchSize;
    private final int samples;
    private final boolean usePadding;

    /**
     * @param patchSize  p, samples per token
     * @param samples    T, samples per clip
     * @param usePadding reflect-pad the clip's end to a multiple of p
     */
    public AudioPatchTokenizer(int patchSize, int samples, boolean usePadding) {
        if (patchSize < 1) {
            throw new ConfigException(DataEncoderConfig.PATCH_PATH, patchSize, "a positive number of samples");
        }
        int pad = padding(patchSize, samples, usePadding);
        if (samples < 1 || pad >= samples || samples + pad < patchSize) {
            throw new ConfigException(DataEncoderConfig.PATCH_PATH, patchSize, "at most the clip length of " + samples
                    + " samples" + (usePadding ? " (reflect padding needs fewer than T padded samples)" : ""));
        }
        this.patchSize = patchSize;
        this.samples = samples;
        this.usePadding = usePadding;
    }

    private static int padding(int p, int t, boolean usePadding) {
        return usePadding && t % p != 0 ? p - t % p : 0;
    }

    /** The reflect padding added at the end: p - T mod p, or 0. */
    public int padding() {
        return padding(patchSize, samples, usePadding);
    }

    @Override
    public int tokenCount() {
        return (samples + padding()) / patchSize;
    }

    @Override
    public int tokenDim() {
        return patchSize;
    }

    /** (B, T, 1) -> (B, L, p). */
    @Override
    public NDArray tokens(NDArray values) {
        long b = values.getShape().get(0);
        int pad = padding();
        NDArray x = values.reshape(b, samples); // (B, T)
        if (pad > 0) {
            NDArray mirror = x.get(":, " + (samples - 1 - pad) + ":" + (samples - 1)).flip(1); // (B, pad)
            x = x.concat(mirror, 1); // (B, T + pad)
        }
        int kept = tokenCount() * patchSize;
        if (kept < x.getShape().get(1)) {
            x = x.get(":, 0:" + kept); // (B, L p): no padding, the tail is dropped
        }
        return x.reshape(b, tokenCount(), patchSize); // (B, L, p)
    }
}
