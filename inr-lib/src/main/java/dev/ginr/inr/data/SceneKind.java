package dev.ginr.inr.data;

import dev.ginr.inr.config.DataEncoderConfig;
import dev.ginr.inr.config.DatasetConfig;
import dev.ginr.inr.nn.DataTokenizer;
import dev.ginr.inr.nn.SupportViewTokenizer;

/**
 * Multi-view scenes (PAPER.md §3, Table 4): the model observes N support views of S x S RGB pixels, each with its
 * pixel's ray (9 channels, {@link SupportViewTokenizer}); the hyponet maps a 3-D point to RGB and density, and a
 * view is predicted by volume rendering along its rays ({@code render.VolumeRenderer}). The grid of a signal is
 * that of one view, {S, S}.
 */
final class SceneKind implements SignalKind {

    /** RGB and density. */
    private static final int FIELD_OUTPUTS = 4;

    @Override
    public String name() {
        return "scene";
    }

    @Override
    public int[] grid(DatasetConfig dataset) {
        return new int[] {dataset.resolution(), dataset.resolution()};
    }

    @Override
    public int channels() {
        return 3;
    }

    /** Points in 3-D space. */
    @Override
    public int queryDim(DatasetConfig dataset) {
        return 3;
    }

    @Override
    public int hyponetOutputs() {
        return FIELD_OUTPUTS;
    }

    @Override
    public DataTokenizer tokenizer(DataEncoderConfig encoder, DatasetConfig dataset) {
        DataEncoderConfig enc = SignalKind.requireEncoder(encoder, DataEncoderConfig.Kind.UNFOLD, name());
        int side = dataset.resolution();
        return new SupportViewTokenizer(enc.patchSize(), enc.padding(), side, side,
                dataset.scene().train().nSupport());
    }

    @Override
    public String toString() {
        return name();
    }
}
