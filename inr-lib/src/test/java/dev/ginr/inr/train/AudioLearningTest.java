package dev.ginr.inr.train;

import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transformer models learn real speech (a recorded 1 s clip of the offline speech set) through the Trainer at
 * audio-1s-small, against the silent prediction (all zeros) on the same clip.
 *
 * <p>What this does not show: held-out gains. At the budgets tried on 2 shared cores (256 training clips, batches of
 * 8: ours 300 steps at lr 1e-4, 600 at 3e-3, 1500 at 1e-3; TransINR 400 at 1e-3) held-out PSNR on 32 test clips
 * stayed at the silent baseline (within 0.02 dB): the models first learn the mean waveform, which for speech is
 * silence, and the per-clip path through the transformer had not yet taken over. With one clip the shared weights
 * alone can fit it, which is what is checked here.
 *
 * <p>Why (measured on 8 held-out clips, ours): the composers the transformer predicts differ across clips by 0.27%
 * of their RMS at initialisation (the data tokens, 200 samples of RMS 0.18 through a Linear layer, have an RMS of
 * about 0.1 against the positional embedding's 1.0), and by 0.23% after 300 steps at lr 1e-3 on 256 clips, while the
 * output collapsed from RMS 0.19 to 0.008 (the truth's is 0.18): the mean waveform is learnt first. Scaling the data
 * tokens by 10 raised the initial spread to 1.7% but gave the same collapse after 300 steps. The model, tokenizer,
 * Fourier features, initialisation, normalisation and PSNR match the reference's audio configs; the reference
 * trains for 1000 epochs of LibriSpeech train-clean-100 on several GPUs.
 */
class AudioLearningTest {

    static SignalBatch clip;

    @BeforeAll
    static void data() {
        clip = AudioClipFolder.load(TestData.speechClips(1, "train"), 16000).clips().slice(0, 1);
    }

    /** Mean PSNR of the all-zeros prediction: -10 log10(mean x^2) per clip. */
    static double silentPsnr(SignalBatch clips) {
        double sum = 0;
        for (int i = 0; i < clips.count(); i++) {
            double ms = 0;
            for (float v : clips.signal(i)) {
                ms += v * (double) v;
            }
            sum += Metrics.psnr(ms / clips.points());
        }
        return sum / clips.count();
    }

    private static void learnsTheClip(ModelType type) {
        double silence = silentPsnr(clip);
        assertTrue(silence > 10 && silence < 35, "speech at -10..-35 dBFS gives a silent PSNR of 10..35 dB: " + silence);
        try (SingleThreadedEngine one = new SingleThreadedEngine();
             ExperimentRun run = ExperimentRun.ofPreset("audio", Presets.AUDIO_1S_SMALL, type)) {
            TrainingPlan plan = TrainingPlan.from(run.spec(), 1).withSteps(80).withBatchSize(1).withLearningRate(1e-3)
                    .withIntervals(80, 0, 20);
            TrainingResult r = run.train(plan, clip, clip, null, false, ProgressListener.NONE);
            assertTrue(r.completed(), r.stopReason());
            double psnr = r.finalEvalPsnr();
            System.out.printf(Locale.ROOT, "audio-1s-small %s, one recorded clip, 80 steps at lr 1e-3: %.2f dB, "
                    + "silence %.2f dB, gain %.2f dB%n", type.yamlName(), psnr, silence, psnr - silence);
            assertTrue(psnr >= silence + 6, type.yamlName() + ": " + psnr + " dB vs silence " + silence + " dB");
        }
    }

    @Test
    void composersPredictedByTheTransformerLearnARecordedClip() {
        learnsTheClip(ModelType.LOW_RANK_TRANSINR);
    }

    @Test
    void transInrLearnsARecordedClip() {
        learnsTheClip(ModelType.TRANSINR);
    }
}
