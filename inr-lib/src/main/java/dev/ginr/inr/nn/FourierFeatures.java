package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.FourierConfig;
import dev.ginr.inr.config.FourierType;

/**
 * Fourier features of coordinates (PAPER.md §2): gamma(x) = [cos(c x B), sin(c x B)] with a frequency matrix B of
 * shape (input_dim, ff_dim) and c = pi (c = 1 for the NeRF variant). Input (..., input_dim), output (..., 2 ff_dim).
 *
 * <ul>
 *   <li>deterministic (TransINR): per axis K = ff_dim / input_dim frequencies f = exp(linspace(0, ln ff_sigma, K)),
 *       placed block-diagonally so axis a uses columns [a K, (a+1) K);</li>
 *   <li>Gaussian: B ~ N(0, ff_sigma^2);</li>
 *   <li>NeRF: f = 2^linspace(0, ff_sigma, K) per axis, block-diagonal, c = 1.</li>
 * </ul>
 * B is a buffer, not trained; it is stored with the model so a Gaussian mapping survives a checkpoint. A coordinate
 * range s other than 1 ({@link FourierConfig#coordinateRange}) is folded into it: B = s B_0, since (s x) B_0 = x B.
 */
public final class FourierFeatures {

    public static final String BUFFER = "hyponet.fourier.B";

    private final FourierConfig config;
    private final int inputDim;

    public FourierFeatures(FourierConfig config, int inputDim) {
        this.config = config;
        this.inputDim = inputDim;
    }

    /** Registers the frequency matrix B (input_dim, ff_dim) in {@code params}. */
    public void register(ParameterSet params) {
        if (config.type() != FourierType.NONE) {
            params.add(BUFFER, frequencyMatrix(params.manager(), params.dataType()), false);
        }
    }

    /** The frequency matrix B, shape (input_dim, ff_dim), scaled by the coordinate range. */
    public NDArray frequencyMatrix(NDManager manager, DataType dataType) {
        int ff = config.ffDim();
        double s = config.coordinateRange();
        if (config.type() == FourierType.GAUSSIAN) {
            return manager.randomNormal(0f, (float) (config.ffSigma() * s), new Shape(inputDim, ff), dataType);
        }
        int k = ff / inputDim;
        double[] f = axisFrequencies(config.type(), k, config.ffSigma());
        double[] b = new double[inputDim * ff];
        for (int a = 0; a < inputDim; a++) {
            for (int j = 0; j < k; j++) {
                b[a * ff + a * k + j] = s * f[j];
            }
        }
        return manager.create(b, new Shape(inputDim, ff)).toType(dataType, false);
    }

    /** The K frequencies of one axis for the deterministic kinds. */
    static double[] axisFrequencies(FourierType type, int k, double sigma) {
        double[] f = new double[k];
        for (int j = 0; j < k; j++) {
            double t = k == 1 ? 0 : (double) j / (k - 1);
            f[j] = type == FourierType.NERF ? Math.pow(2, t * sigma) : Math.exp(t * Math.log(sigma));
        }
        return f;
    }

    /** Features of coordinates (..., input_dim) -> (..., 2 ff_dim), or the coordinates times s for NONE. */
    public NDArray apply(ParameterSet.Bound p, NDArray coords) {
        if (config.type() == FourierType.NONE) {
            return config.coordinateRange() == 1 ? coords : GraphScalar.scale(coords, config.coordinateRange());
        }
        NDArray phase = coords.matMul(p.get(BUFFER)); // (..., ff_dim)
        if (config.type() != FourierType.NERF) {
            phase = phase.mul(Math.PI);
        }
        return phase.cos().concat(phase.sin(), -1); // (..., 2 ff_dim)
    }

    public int outputDim() {
        return config.outputDim(inputDim);
    }
}
