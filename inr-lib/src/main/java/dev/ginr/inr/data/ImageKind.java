package dev.ginr.inr.data;

import dev.ginr.inr.config.DataEncoderConfig;
import dev.ginr.inr.config.DatasetConfig;
import dev.ginr.inr.nn.DataTokenizer;
import dev.ginr.inr.nn.PatchTokenizer;

/** Square RGB images in [0, 1]: grid {S, S}, 3 channels, zero-padded p x p patches. */
final class ImageKind implements SignalKind {

    @Override
    public String name() {
        return "image";
    }

    @Override
    public int[] grid(DatasetConfig dataset) {
        return new int[] {dataset.resolution(), dataset.resolution()};
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public DataTokenizer tokenizer(DataEncoderConfig encoder, DatasetConfig dataset) {
        DataEncoderConfig enc = SignalKind.requireEncoder(encoder, DataEncoderConfig.Kind.UNFOLD, name());
        int side = dataset.resolution();
        return new PatchTokenizer(enc.patchSize(), enc.padding(), enc.nChannel(), side, side);
    }

    @Override
    public String toString() {
        return name();
    }
}
