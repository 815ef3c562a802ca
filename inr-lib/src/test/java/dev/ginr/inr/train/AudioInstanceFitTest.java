package dev.ginr.inr.train;

import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.audio.AudioClipFolder;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audio hyponet of audio-1s-small (1-D coordinates, Fourier features up to 1024 Hz, composers on layer 1) can
 * represent real speech: fitting each clip's own composers, with the shared weights, by Adam.
 */
class AudioInstanceFitTest {

    @Test
    void composersFittedPerClipReproduceSpeechFarAboveSilence() {
        SignalBatch clips = AudioClipFolder.load(TestData.speechClips(1, "train"), 16000).clips().slice(0, 2);
        double silence = AudioLearningTest.silentPsnr(clips);
        ExperimentSpec spec = Presets.load(Presets.AUDIO_1S_SMALL);
        try (SingleThreadedEngine one = new SingleThreadedEngine();
             NDManager m = GinrEngine.engine().newBaseManager()) {
            InstanceFitter.Result r = new InstanceFitter(spec.hyponet(), spec.composer())
                    .fit(m, clips, new InstanceFitter.Settings(60, 1e-3, true, 0, 20), ProgressListener.NONE);
            double psnr = r.meanFinalPsnr();
            System.out.printf(Locale.ROOT, "audio-1s-small hyponet fitted per clip, 60 Adam steps: %.2f dB, silence "
                    + "%.2f dB, gain %.2f dB%n", psnr, silence, psnr - silence);
            assertTrue(psnr >= silence + 6, "fitted " + psnr + " dB vs silence " + silence + " dB");
        }
    }
}
