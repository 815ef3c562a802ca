package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.render.Rays;

/**
 * The data encoder for novel view synthesis (PAPER.md §3; the reference's NeRF {@code DataEncoder}): each support
 * view becomes a 9-channel image, its RGB concatenated with the origin and the direction of every pixel's ray
 * (in the {@link dev.ginr.inr.render.Camera} convention; directions not normalised, as in the reference code), cut
 * into p x p patches by the {@link PatchTokenizer} (p = 8, no padding in the reference), one token per patch. The
 * tokens of all support views of a scene are concatenated, view after view.
 *
 * <p>As the hypernetwork's {@link DataTokenizer} it reads the 9-channel views a scene batch observes,
 * (B, N H W, 9) with the N views one after the other ({@link #withRays} makes them from images and cameras; the rays
 * carry no parameters, so where they are computed changes nothing), and makes (B, N L, 9 p^2) tokens with
 * L = ((H + 2 pad) / p) ((W + 2 pad) / p) tokens per view; within a token the values are ordered channel first
 * (R, G, B, o_x, o_y, o_z, d_x, d_y, d_z), then patch row, then patch column. A 128 x 128 view gives 256 tokens of
 * 576 values; N support views give 256 N tokens.
 */
public final class SupportViewTokenizer implements DataTokenizer {

    /** RGB, ray origin, ray direction. */
    public static final int CHANNELS = 9;

    private final PatchTokenizer patches;
    private final int height;
    private final int width;
    private final int views;

    /** A tokenizer of scenes with one support view. */
    public SupportViewTokenizer(int patchSize, int padding, int height, int width) {
        this(patchSize, padding, height, width, 1);
    }

    /**
     * @param patchSize p ({@code arch.data_encoder.encoder_spec.patch_size}, 8 in the reference)
     * @param padding   zero padding per side ({@code encoder_spec.padding}, 0 in the reference)
     * @param height    view height H
     * @param width     view width W
     * @param views     support views N per scene ({@code dataset.train_config.n_support})
     */
    public SupportViewTokenizer(int patchSize, int padding, int height, int width, int views) {
        if (views < 1) {
            throw new IllegalArgumentException("a scene needs at least one support view, got " + views);
        }
        this.patches = new PatchTokenizer(patchSize, padding, CHANNELS, height, width);
        this.height = height;
        this.width = width;
        this.views = views;
    }

    /** Tokens per support view, L. */
    public int tokensPerView() {
        return patches.tokenCount();
    }

    /** Tokens of a scene with {@code views} support views, N L. */
    public int tokenCount(int views) {
        return views * tokensPerView();
    }

    /** Tokens of a scene with the tokenizer's N support views, N L. */
    @Override
    public int tokenCount() {
        return tokenCount(views);
    }

    /** Values per token, 9 p^2. */
    @Override
    public int tokenDim() {
        return patches.tokenDim();
    }

    /** (B, N, H W, 3) images, (B, N, 3, 4) poses, (B, N) focal lengths -> (B, N L, 9 p^2) tokens. */
    public NDArray tokens(NDArray images, NDArray poses, NDArray focals) {
        NDArray nine = withRays(images, poses, focals, height, width); // (B, N, H W, 9)
        Shape s = nine.getShape();
        return tokens(nine.reshape(s.get(0), s.get(1) * s.get(2), CHANNELS)); // (B, N L, 9 p p)
    }

    /** (B, N H W, 9) support views with their rays, N = any number of views -> (B, N L, 9 p^2) tokens. */
    @Override
    public NDArray tokens(NDArray values) {
        Shape s = values.getShape();
        long pixels = (long) height * width;
        if (s.dimension() != 3 || s.get(2) != CHANNELS || s.get(1) % pixels != 0) {
            throw new IllegalArgumentException("support views with rays must be (B, N H W, 9) with H W = " + height
                    + " x " + width + ", got " + s);
        }
        long b = s.get(0);
        long n = s.get(1) / pixels;
        NDArray perView = patches.tokens(values.reshape(b * n, pixels, CHANNELS)); // (B N, L, 9 p p)
        return perView.reshape(b, n * tokensPerView(), tokenDim()); // (B, N L, 9 p p)
    }

    /**
     * The support views as the tokenizer reads them: (B, N, H W, 3) images in [0, 1], (B, N, 3, 4) poses and (B, N)
     * focal lengths -> (B, N, H W, 9), each pixel's RGB, ray origin and ray direction.
     */
    public static NDArray withRays(NDArray images, NDArray poses, NDArray focals, int height, int width) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(2) != (long) height * width || s.get(3) != 3) {
            throw new IllegalArgumentException("support views must be (B, N, H W, 3) with H W = " + height + " x "
                    + width + ", got " + s);
        }
        long b = s.get(0);
        long n = s.get(1);
        if (!poses.getShape().equals(new Shape(b, n, 3, 4)) || !focals.getShape().equals(new Shape(b, n))) {
            throw new IllegalArgumentException("support poses must be (B, N, 3, 4) = (" + b + ", " + n + ", 3, 4) and "
                    + "focal lengths (B, N), got " + poses.getShape() + " and " + focals.getShape());
        }
        Rays rays = Rays.fromPoses(poses, focals, height, width); // (B, N, H W, 3) each
        NDArray origins = rays.origins().toType(images.getDataType(), false);
        NDArray directions = rays.directions().toType(images.getDataType(), false);
        return images.concat(origins, 3).concat(directions, 3); // (B, N, H W, 9)
    }
}
