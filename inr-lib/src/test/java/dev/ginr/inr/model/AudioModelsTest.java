package dev.ginr.inr.model;

import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** All four models of the paper train, evaluate, checkpoint and render real 1 s speech clips at audio-1s-small. */
class AudioModelsTest {

    @Test
    void everyModelTrainsEvaluatesAndRendersSpeechAtTwiceTheRate(@TempDir Path dir) {
        SignalBatch clips = AudioClipFolder.load(TestData.speechClips(1, "train"), 16000).clips().slice(0, 4);
        for (ModelType type : ModelType.values()) {
            Path runDir = dir.resolve(type.yamlName());
            SignalBatch twice;
            try (ExperimentRun run = ExperimentRun.ofPreset("audio", Presets.AUDIO_1S_SMALL, type)) {
                TrainingPlan plan = TrainingPlan.from(run.spec(), clips.count()).withSteps(2).withBatchSize(2)
                        .withIntervals(0, 0, 1);
                TrainingResult r = run.train(plan, clips, null, runDir, false, ProgressListener.NONE);
                assertTrue(r.completed(), type + ": " + r.stopReason());
                assertTrue(r.history().stream().allMatch(e -> Double.isFinite(e.loss()) && e.loss() > 0), type.yamlName());
                double[] psnr = run.evaluate(clips.slice(0, 2));
                assertTrue(Double.isFinite(psnr[0]) && Double.isFinite(psnr[1]), type.yamlName());
                twice = run.reconstruct(clips.slice(0, 2), 2);
                assertArrayEquals(new int[] {32000}, twice.grid(), type.yamlName());
                assertEquals(1, twice.channels());
                assertEquals(2 * 32000, twice.values().length);
            }
            try (ExperimentRun loaded = ExperimentRun.load(runDir)) {
                assertEquals(type, loaded.spec().modelType());
                assertArrayEquals(twice.values(), loaded.reconstruct(clips.slice(0, 2), 2).values(), type.yamlName()
                        + ": the checkpoint reproduces the 2x render");
            }
        }
    }
}
