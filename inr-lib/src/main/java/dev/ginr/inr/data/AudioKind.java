package dev.ginr.inr.data;

import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.DataEncoderConfig;
import dev.ginr.inr.config.DatasetConfig;
import dev.ginr.inr.nn.AudioPatchTokenizer;
import dev.ginr.inr.nn.DataTokenizer;

/**
 * Mono waveforms in [-1, 1] (PAPER.md §3, Table 1): clips of T = round(patch_secs x sampling_rate) samples on the
 * grid {T}, 1 channel, tokenized as 1-D patches of p samples reflect-padded to a multiple of p.
 */
final class AudioKind implements SignalKind {

    @Override
    public String name() {
        return "audio";
    }

    @Override
    public int[] grid(DatasetConfig dataset) {
        return new int[] {dataset.clipSamples()};
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public DataTokenizer tokenizer(DataEncoderConfig encoder, DatasetConfig dataset) {
        DataEncoderConfig enc = SignalKind.requireEncoder(encoder, DataEncoderConfig.Kind.UNFOLD_AUDIO, name());
        if (enc.nChannel() != 1) {
            throw new ConfigException(DataEncoderConfig.PATH + ".n_channel", enc.nChannel(), "1 (audio is read as mono)");
        }
        return new AudioPatchTokenizer(enc.patchSize(), dataset.clipSamples(), enc.usePadding());
    }

    @Override
    public String toString() {
        return name();
    }
}
