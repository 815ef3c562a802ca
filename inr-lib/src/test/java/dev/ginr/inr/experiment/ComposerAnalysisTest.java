package dev.ginr.inr.experiment;

import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.train.ProgressListener;
import dev.ginr.inr.train.TrainingPlan;
import dev.ginr.inr.train.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The activation analysis and composer arithmetic on a run of ours (image-32-small: composers on layer 1) trained a
 * few steps on offline photo crops.
 */
class ComposerAnalysisTest {

    private static ExperimentRun run;
    private static SignalBatch heldOut;

    @BeforeAll
    static void trainTinyRun() {
        SignalBatch train = ImageFolder.load(TestData.crops(32, "train"), 32, 8).images();
        heldOut = ImageFolder.load(TestData.crops(32, "test"), 32, 4).images();
        run = ExperimentRun.ofPreset("tiny", "image-32-small", ModelType.LOW_RANK_TRANSINR);
        TrainingResult r = run.train(TrainingPlan.from(run.spec(), train.count()).withSteps(8).withBatchSize(4)
                .withLearningRate(1e-3).withIntervals(0, 0, 1), train, null, null, false, ProgressListener.NONE);
        assertTrue(r.completed(), r.stopReason());
    }

    @AfterAll
    static void close() {
        run.close();
    }

    @Test
    void layersBeforeTheModulatedOneAreSharedAndTheModulatedOneVariesAcrossInstances() {
        ActivationMaps maps = ActivationMaps.of(run, heldOut);
        assertEquals(5, maps.layers().size());
        ActivationMaps.Layer shared = maps.layer(0);
        assertTrue(shared.totalVariance() > 1e-4, "layer 0 computes something: " + shared.totalVariance());
        assertEquals(0.0, shared.acrossInstanceVariance(), "layer 0 is shared by every instance");
        assertEquals(0.0, shared.acrossInstanceShare());
        ActivationMaps.Layer modulated = maps.layer(1);
        assertTrue(modulated.role().contains("modulated"), modulated.role());
        // after 8 steps the predicted composers differ little across instances (measured share about 8e-4), yet not 0
        assertTrue(modulated.acrossInstanceShare() > 1e-5, "layer 1 share " + modulated.acrossInstanceShare());
        for (int i = 2; i < 5; i++) { // downstream of V(n): instance-specific too
            assertTrue(maps.layer(i).acrossInstanceVariance() > 0, "layer " + i);
        }
        assertEquals(3, maps.layer(4).units());
        assertEquals(5, maps.table().rowCount());
        assertEquals(1024, maps.layer(1).map(3, 7).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> maps.layer(5));
        assertEquals("layer 5 is out of range: the hyponet of run 'tiny' has layers 0..4", e.getMessage());
    }

    @Test
    void theMixAtZeroAndOneIsExactlyTheReconstructionOfAAndOfB() {
        SignalBatch a = heldOut.slice(0, 1);
        SignalBatch b = heldOut.slice(2, 3);
        ComposerMix mix = ComposerMix.of(run, a, b, 5);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, mix.t());
        SignalBatch both = run.reconstruct(mix.endpoints(), 1);
        assertArrayEquals(both.signal(0), mix.at(0).values(), "t = 0 renders A's reconstruction");
        assertArrayEquals(both.signal(1), mix.at(4).values(), "t = 1 renders B's reconstruction");
        float[] middle = mix.at(2).values();
        double apart = 0;
        for (int i = 0; i < middle.length; i++) {
            apart = Math.max(apart, Math.abs(middle[i] - both.signal(0)[i]));
        }
        assertTrue(apart > 1e-3, "t = 0.5 differs from A: " + apart);
    }

    @Test
    void mixRefusesBadStepsAndModelsWithoutPredictedComposers() {
        SignalBatch a = heldOut.slice(0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComposerMix.of(run, a, a, 1));
        assertTrue(e.getMessage().startsWith("steps = 1 is invalid: the strip needs 2..64"), e.getMessage());
        try (ExperimentRun transinr = ExperimentRun.ofPreset("t", "image-32-small", ModelType.TRANSINR)) {
            e = assertThrows(IllegalArgumentException.class, () -> ComposerMix.of(transinr, a, a, 3));
            assertTrue(e.getMessage().contains("is a transinr model"), e.getMessage());
        }
    }
}
