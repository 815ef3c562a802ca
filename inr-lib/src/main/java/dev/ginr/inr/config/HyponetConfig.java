package dev.ginr.inr.config;

import java.util.List;

/**
 * The coordinate MLP ("hyponet", reference path {@code arch.hyponet}): Fourier features, then {@code nLayer}
 * linear layers (the last is the output layer) with an activation between them.
 *
 * <p>Layer {@code i} maps {@code fanIn(i)} to {@code fanOut(i)} features; layer 0 reads the Fourier features.
 *
 * @param inputDim        coordinate dimension (1 audio, 2 images, 3 scenes)
 * @param outputDim       signal channels (1 audio, 3 RGB, 4 NeRF)
 * @param nLayer          number of linear layers including the output layer (at least 2)
 * @param hiddenDim       width of every hidden layer
 * @param activation      hidden activation
 * @param sirenW0         w0 of the SIREN activation and init (ignored otherwise)
 * @param weightInit      weight initialisation
 * @param outputBias      constant added to the output (0.5 for images in [0,1])
 * @param normalizeWeight scale each output unit's incoming weight vector to unit L2 norm (reference default: on)
 * @param fourier         the Fourier feature mapping
 */
public record HyponetConfig(int inputDim, int outputDim, int nLayer, int hiddenDim, Activation activation,
                            double sirenW0, WeightInit weightInit, double outputBias, boolean normalizeWeight,
                            FourierConfig fourier) {

    public static final String PATH = "arch.hyponet";

    public HyponetConfig {
        ConfigException.require(inputDim >= 1 && inputDim <= 3, PATH + ".input_dim", inputDim, "1, 2 or 3");
        ConfigException.require(outputDim >= 1, PATH + ".output_dim", outputDim, "a positive number of channels");
        ConfigException.require(nLayer >= 2, PATH + ".n_layer", nLayer,
                "at least 2 (one hidden layer plus the output layer)");
        ConfigException.require(hiddenDim >= 1, PATH + ".hidden_dim", hiddenDim, "a positive width");
        ConfigException.require(activation != null, PATH + ".activation.type", null, "one of relu, siren, silu");
        ConfigException.require(weightInit != null, PATH + ".initialization.weight_init_type", null,
                "one of kaiming_uniform, uniform_fan_in, normal, siren, zero");
        ConfigException.require(fourier != null, FourierConfig.PATH, null, "a Fourier mapping (type none for raw)");
        ConfigException.require(Double.isFinite(outputBias), PATH + ".output_bias", outputBias, "a finite number");
        if (activation == Activation.SIREN || weightInit == WeightInit.SIREN) {
            ConfigException.require(sirenW0 > 0 && Double.isFinite(sirenW0), PATH + ".activation.siren_w0",
                    sirenW0, "a positive number (30 in SIREN)");
        }
        if (fourier.type() == FourierType.DETERMINISTIC_TRANSINR || fourier.type() == FourierType.NERF) {
            ConfigException.require(fourier.ffDim() % inputDim == 0, FourierConfig.PATH + ".ff_dim", fourier.ffDim(),
                    "a multiple of input_dim = " + inputDim + " (the frequencies are split evenly over the axes)");
        }
    }

    /** The image hyponet of the paper's style: ReLU, kaiming-uniform, normalised weights, output bias 0.5. */
    public static HyponetConfig image(int nLayer, int hiddenDim, int ffDim, double ffSigma) {
        return new HyponetConfig(2, 3, nLayer, hiddenDim, Activation.RELU, 30, WeightInit.KAIMING_UNIFORM, 0.5, true,
                FourierConfig.deterministic(ffDim, ffSigma));
    }

    /**
     * The paper's NeRF hyponet (PAPER.md §2): 6 x 256, input 3 (a point), output 4 (RGB logits and density, the
     * renderer applies sigmoid and ReLU), NeRF Fourier features ff_dim 60 (20 per axis), ff_sigma 8, no output bias.
     */
    public static HyponetConfig nerf() {
        return nerf(6, 256, 60, 8);
    }

    /** A NeRF-style hyponet: points in, RGB logits and density out, NeRF Fourier features, ReLU, no output bias. */
    public static HyponetConfig nerf(int nLayer, int hiddenDim, int ffDim, double ffSigma) {
        return new HyponetConfig(3, 4, nLayer, hiddenDim, Activation.RELU, 30, WeightInit.KAIMING_UNIFORM, 0, true,
                new FourierConfig(FourierType.NERF, ffDim, ffSigma));
    }

    /** Input width of layer {@code i} (excluding the bias row). */
    public int fanIn(int i) {
        checkLayer(i);
        return i == 0 ? fourier.outputDim(inputDim) : hiddenDim;
    }

    /** Output width of layer {@code i}. */
    public int fanOut(int i) {
        checkLayer(i);
        return i == nLayer - 1 ? outputDim : hiddenDim;
    }

    /** The widest activation of the MLP: its Fourier features, a hidden layer or its output. */
    public int maxWidth() {
        return Math.max(Math.max(fanIn(0), hiddenDim), outputDim);
    }

    /** The layer indices 0..nLayer-1. */
    public List<Integer> layers() {
        return java.util.stream.IntStream.range(0, nLayer).boxed().toList();
    }

    public HyponetConfig withNormalizeWeight(boolean on) {
        return new HyponetConfig(inputDim, outputDim, nLayer, hiddenDim, activation, sirenW0, weightInit, outputBias,
                on, fourier);
    }

    public HyponetConfig withActivation(Activation a, WeightInit init) {
        return new HyponetConfig(inputDim, outputDim, nLayer, hiddenDim, a, sirenW0, init, outputBias,
                normalizeWeight, fourier);
    }

    public HyponetConfig withIo(int inputDim, int outputDim, double outputBias) {
        return new HyponetConfig(inputDim, outputDim, nLayer, hiddenDim, activation, sirenW0, weightInit, outputBias,
                normalizeWeight, fourier);
    }

    private void checkLayer(int i) {
        if (i < 0 || i >= nLayer) {
            throw new ConfigException("arch.modulated_layer_idxs", i, "a layer index in 0.." + (nLayer - 1)
                    + " (0 = first layer after the Fourier features, " + (nLayer - 1) + " = output layer)");
        }
    }
}
