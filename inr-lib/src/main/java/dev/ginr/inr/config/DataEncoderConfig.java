package dev.ginr.inr.config;

import java.util.Locale;

/**
 * The data tokenizer (reference path {@code arch.data_encoder}): a signal is cut into non-overlapping patches, each
 * flattened into one token.
 * <ul>
 *   <li>{@link Kind#UNFOLD} (images, NeRF support views): zero padding {@code padding} on every side, then
 *       p x p patches: (B, C, S, S) -> (B, ((S + 2 padding) / p)^2, C p^2).</li>
 *   <li>{@link Kind#UNFOLD_AUDIO} (waveforms): 1-D patches of p samples, reflect-padded up to a multiple of p when
 *       {@code usePadding}: (B, C, T) -> (B, ceil(T / p), C p).</li>
 * </ul>
 *
 * @param kind       2-D or 1-D patches
 * @param nChannel   channels of the signal (3 RGB, 1 audio, 9 for NeRF views with ray origins and directions)
 * @param patchSize  p
 * @param padding    zero padding per side (2-D only; 0 for audio)
 * @param usePadding reflect-pad audio to a multiple of p (1-D only; always false for 2-D)
 */
public record DataEncoderConfig(Kind kind, int nChannel, int patchSize, int padding, boolean usePadding) {

    public static final String PATH = "arch.data_encoder";
    public static final String PATCH_PATH = PATH + ".encoder_spec.patch_size";
    public static final String PADDING_PATH = PATH + ".encoder_spec.padding";

    /** The tokenizers of the reference code, by their {@code arch.data_encoder.type} names. */
    public enum Kind {
        UNFOLD("unfold"), UNFOLD_AUDIO("unfold_audio");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Kind fromYaml(String path, String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.yamlName.equals(n)) {
                    return k;
                }
            }
            throw new ConfigException(path, name, "one of unfold (2-D patches), unfold_audio (1-D patches)");
        }
    }

    public DataEncoderConfig {
        ConfigException.require(kind != null, PATH + ".type", null, "one of unfold, unfold_audio");
        usePadding = usePadding && kind == Kind.UNFOLD_AUDIO; // meaningless for 2-D patches: one canonical form
        ConfigException.require(nChannel >= 1, PATH + ".n_channel", nChannel, "a positive number of channels");
        ConfigException.require(patchSize >= 1, PATCH_PATH, patchSize, "a positive patch size");
        ConfigException.require(padding >= 0, PADDING_PATH, padding, "a non-negative padding");
        ConfigException.require(kind == Kind.UNFOLD || padding == 0, PADDING_PATH, padding,
                "0 for unfold_audio (use encoder_spec.use_padding)");
    }

    /** Image patches p x p with zero padding. */
    public static DataEncoderConfig image(int nChannel, int patchSize, int padding) {
        return new DataEncoderConfig(Kind.UNFOLD, nChannel, patchSize, padding, false);
    }

    /** Audio patches of p samples, reflect-padded to a multiple of p. */
    public static DataEncoderConfig audio(int patchSize) {
        return new DataEncoderConfig(Kind.UNFOLD_AUDIO, 1, patchSize, 0, true);
    }

    /** Values per token: C p^2 (2-D) or C p (1-D). */
    public int tokenDim() {
        return kind == Kind.UNFOLD ? nChannel * patchSize * patchSize : nChannel * patchSize;
    }

    /**
     * Number of 2-D tokens for an S x S image; (S + 2 padding) must be a multiple of p.
     *
     * @throws ConfigException naming the patch size, the image size and the padding otherwise
     */
    public int imageTokenCount(int side) {
        ConfigException.require(kind == Kind.UNFOLD, PATH + ".type", kind.yamlName(), "unfold for images");
        int padded = side + 2 * padding;
        ConfigException.require(side >= 1 && padded % patchSize == 0, PATCH_PATH, patchSize,
                "a divisor of the padded image size " + padded + " (dataset.resolution " + side + " + 2 x "
                        + PADDING_PATH + " " + padding + ")");
        int perSide = padded / patchSize;
        return perSide * perSide;
    }

    /** Number of 1-D tokens for a clip of {@code samples} samples. */
    public int audioTokenCount(int samples) {
        ConfigException.require(kind == Kind.UNFOLD_AUDIO, PATH + ".type", kind.yamlName(), "unfold_audio for audio");
        return usePadding ? (samples + patchSize - 1) / patchSize : samples / patchSize;
    }
}
