package dev.ginr.inr.config;

/**
 * Fourier feature mapping of the coordinates (reference path {@code arch.hyponet.fourier_mapping}).
 *
 * @param type    the mapping
 * @param ffDim   number of frequencies in all (split evenly over the input axes for the deterministic kinds);
 *                the mapping outputs {@code 2 * ffDim} features (cos and sin)
 * @param ffSigma the largest frequency (deterministic), the standard deviation (Gaussian), or the largest
 *                power of two (NeRF)
 * @param coordinateRange s of the reference's coordinate range [-s, s] ({@code arch.coord_sampler.coord_range}):
 *                1 for images and 1 s audio clips, 3 for the reference's 3 s clips. Our grids always span [-1, 1]
 *                (PAPER.md §2), so the mapping reads s x; that equals sampling the grid in [-s, s]
 */
public record FourierConfig(FourierType type, int ffDim, double ffSigma, double coordinateRange) {

    public static final String PATH = "arch.hyponet.fourier_mapping";
    public static final String RANGE_PATH = "arch.coord_sampler.coord_range";

    /** A mapping of coordinates in [-1, 1]. */
    public FourierConfig(FourierType type, int ffDim, double ffSigma) {
        this(type, ffDim, ffSigma, 1.0);
    }

    public FourierConfig {
        ConfigException.require(coordinateRange > 0 && Double.isFinite(coordinateRange), RANGE_PATH,
                "[" + -coordinateRange + ", " + coordinateRange + "]", "a range [-s, s] with s > 0");
        ConfigException.require(type != null, PATH + ".type", type, "one of " + FourierType.allowed());
        if (type != FourierType.NONE) {
            ConfigException.require(ffDim > 0, PATH + ".ff_dim", ffDim, "a positive number of frequencies");
            ConfigException.require(ffSigma > 0 && Double.isFinite(ffSigma), PATH + ".ff_sigma", ffSigma,
                    "a positive finite number");
            if (type == FourierType.DETERMINISTIC_TRANSINR) {
                ConfigException.require(ffSigma >= 1, PATH + ".ff_sigma", ffSigma,
                        "at least 1 (frequencies are log-spaced in [1, ff_sigma])");
            }
        }
    }

    /** TransINR's deterministic mapping, the paper's choice for images and audio. */
    public static FourierConfig deterministic(int ffDim, double ffSigma) {
        return new FourierConfig(FourierType.DETERMINISTIC_TRANSINR, ffDim, ffSigma);
    }

    /** Number of features the mapping produces for {@code inputDim}-dimensional coordinates. */
    public int outputDim(int inputDim) {
        return type == FourierType.NONE ? inputDim : 2 * ffDim;
    }
}
