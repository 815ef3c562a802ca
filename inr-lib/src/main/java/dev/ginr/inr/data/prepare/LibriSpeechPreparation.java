package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The preparation of LibriSpeech after download and extraction: {@link LibriSpeechClips} with the paper's settings
 * (train-clean-100 for training, test-clean for evaluation, 1 s and 3 s clips at 16 kHz, cropped as the reference
 * does), into the clip layout {@code ginr train --preset audio-1s-paper --data ROOT/librispeech/1s} reads. The FLAC
 * archives' contents are not kept: the clips are what the loaders read.
 */
public final class LibriSpeechPreparation implements DatasetPreparation {

    @Override
    public String layout() {
        return "1s/{train,test}/SPEAKER-CHAPTER-UTTERANCE.wav and 3s/... (16 kHz mono clips; train from "
                + "train-clean-100, test from test-clean) and manifest.tsv";
    }

    @Override
    public void prepare(Inputs in, Path out, PreparationListener listener) throws IOException {
        Path root = in.raw().resolve("LibriSpeech");
        if (!Files.isDirectory(root)) {
            throw new IOException("the archives hold no LibriSpeech/ folder (looked for " + root + ")");
        }
        LibriSpeechClips.Report r = LibriSpeechClips.prepare(LibriSpeechClips.Settings.paper(root, out));
        if (r.clips().getOrDefault("1s/train", 0) == 0 || r.clips().getOrDefault("1s/test", 0) == 0) {
            throw new IOException("no usable 1 s training or test clip came out of " + root + " (clips " + r.clips()
                    + (r.skipped().isEmpty() ? "" : "; first skipped: " + r.skipped().get(0)) + ")");
        }
        r.clips().forEach((folder, n) -> listener.step("wrote " + n + " clips to " + folder));
        if (!r.skipped().isEmpty()) {
            listener.step("skipped " + r.skipped().size() + " utterances (first: " + r.skipped().get(0) + ")");
        }
    }
}
