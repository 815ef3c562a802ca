package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.ConfigException;

/**
 * The data encoder of the hypernetwork (PAPER.md §3, reference {@code arch.data_encoder}, type unfold): an image is
 * zero-padded by {@code padding} pixels on every side and cut into non-overlapping p x p patches, read row by row.
 * Each patch becomes one token of C p p values ordered channel first, then patch row, then patch column (as
 * PyTorch's {@code F.unfold}).
 *
 * <p>Input (B, H W, C) channel-last (a flattened image batch), output (B, L, C p p) with
 * L = ((H + 2 pad) / p) ((W + 2 pad) / p).
 */
public final class PatchTokenizer implements DataTokenizer {

    private final int patchSize;
    private final int padding;
    private final int channels;
    private final int height;
    private final int width;

    public PatchTokenizer(int patchSize, int padding, int channels, int height, int width) {
        if (patchSize < 1) {
            throw new ConfigException("arch.data_encoder.encoder_spec.patch_size", patchSize, "a positive size");
        }
        if (padding < 0) {
            throw new ConfigException("arch.data_encoder.encoder_spec.padding", padding, "0 or more pixels");
        }
        for (int side : new int[] {height, width}) {
            if ((side + 2 * padding) % patchSize != 0) {
                throw new ConfigException("arch.data_encoder.encoder_spec.patch_size", patchSize,
                        "a divisor of the padded image side " + side + " + 2 x " + padding + " = "
                                + (side + 2 * padding));
            }
        }
        this.patchSize = patchSize;
        this.padding = padding;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Number of tokens L per image. */
    @Override
    public int tokenCount() {
        return ((height + 2 * padding) / patchSize) * ((width + 2 * padding) / patchSize);
    }

    /** Values per token, C p p. */
    @Override
    public int tokenDim() {
        return channels * patchSize * patchSize;
    }

    /** (B, H W, C) -> (B, L, C p p). */
    @Override
    public NDArray tokens(NDArray values) {
        long b = values.getShape().get(0);
        NDArray x = values.reshape(b, height, width, channels).transpose(0, 3, 1, 2); // (B, C, H, W)
        x = zeroPad(x, b);
        int nh = (height + 2 * padding) / patchSize;
        int nw = (width + 2 * padding) / patchSize;
        x = x.reshape(b, channels, nh, patchSize, nw, patchSize); // (B, C, nh, p, nw, p)
        x = x.transpose(0, 2, 4, 1, 3, 5); // (B, nh, nw, C, p, p)
        return x.reshape(b, (long) nh * nw, tokenDim()); // (B, L, C p p)
    }

    private NDArray zeroPad(NDArray x, long b) {
        if (padding == 0) {
            return x;
        }
        NDManager m = x.getManager();
        NDArray rows = m.zeros(new Shape(b, channels, padding, width), x.getDataType());
        x = rows.concat(x, 2).concat(rows, 2); // (B, C, H + 2 pad, W)
        NDArray cols = m.zeros(new Shape(b, channels, height + 2L * padding, padding), x.getDataType());
        return cols.concat(x, 3).concat(cols, 3); // (B, C, H + 2 pad, W + 2 pad)
    }
}
