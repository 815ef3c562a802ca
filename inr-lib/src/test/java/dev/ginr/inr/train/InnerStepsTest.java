package dev.ginr.inr.train;

import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.ExperimentRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inner loop step by step (what {@code %ginr_show RUN --inner-steps} draws): a reconstruction per inner step
 * whose PSNR is the one recorded, step 0 being the learned initialisation, which is the same for every image and is
 * what {@link ExperimentRun#learnedInitialisation} renders on its own.
 */
class InnerStepsTest {

    @Test
    void eachInnerStepHasTheReconstructionItsPsnrWasMeasuredOn() {
        SignalBatch train = ImageFolder.load(TestData.crops(32, "train"), 32, 8).images();
        SignalBatch test = ImageFolder.load(TestData.crops(32, "test"), 32, 3).images();
        try (ExperimentRun run = ExperimentRun.ofPreset("meta", "meta-32-small", ModelType.META_LOW_RANK)) {
            run.train(TrainingPlan.from(run.spec(), train.count()).withSteps(3).withBatchSize(4)
                    .withIntervals(0, 0, 1), train, null, null, false, ProgressListener.NONE);
            AdaptationResult a = run.adaptation(test);
            assertEquals(3, a.reconstructionsByStep().size()); // the init and 2 inner steps
            for (int k = 0; k <= 2; k++) {
                for (int i = 0; i < test.count(); i++) {
                    assertEquals(a.psnrByStep()[i][k], psnr(test.signal(i), a.reconstructionsByStep().get(k)
                            .signal(i)), 1e-3, "image " + i + ", step " + k);
                }
            }
            assertArrayEquals(a.reconstructions().values(), run.reconstruct(test, 1).values(), 1e-5f,
                    "the last step is the run's reconstruction");
            SignalBatch init = a.reconstructionsByStep().get(0);
            assertArrayEquals(init.signal(0), init.signal(2), "the init does not depend on the image");
            assertNotEquals(a.psnrByStep()[0][0], a.psnrByStep()[0][2], "the inner steps changed nothing");
            assertArrayEquals(init.signal(0), run.learnedInitialisation(new int[] {32, 32}).signal(0), 1e-5f);
            SignalBatch big = run.learnedInitialisation(new int[] {96, 96});
            assertEquals(96 * 96 * 3, big.signal(0).length);
            assertTrue(std(big.signal(0)) > 1e-3, "the rendered init is flat");
        }
    }

    @Test
    void theLearnedInitBaselineStartsEveryImageFromItsRenderedInit() {
        SignalBatch test = ImageFolder.load(TestData.crops(32, "test"), 32, 2).images();
        try (ExperimentRun run = ExperimentRun.ofPreset("li", "meta-32-small", ModelType.LEARNED_INIT)) {
            AdaptationResult a = run.adaptation(test);
            SignalBatch init = a.reconstructionsByStep().get(0);
            assertArrayEquals(init.signal(0), init.signal(1), "the init does not depend on the image");
            assertArrayEquals(init.signal(0), run.learnedInitialisation(new int[] {32, 32}).signal(0), 1e-5f);
            assertNotEquals(a.psnrByStep()[1][0], a.psnrByStep()[1][2], "the inner steps changed nothing");
        }
    }

    @Test
    void aRunWithoutInnerStepsSaysWhichRunsHaveThem() {
        try (ExperimentRun run = ExperimentRun.ofPreset("quick", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run.learnedInitialisation(new int[] {8, 8}));
            assertEquals("run 'quick' is low_rank_modulated_transinr, which has no inner steps: only meta-learned "
                    + "runs (meta_low_rank_modulated_inr, learned_init) adapt by inner steps from a learned "
                    + "initialisation", e.getMessage());
        }
    }

    private static double psnr(float[] truth, float[] rec) {
        double se = 0;
        for (int i = 0; i < truth.length; i++) {
            se += (truth[i] - rec[i]) * (truth[i] - rec[i]);
        }
        return -10 * Math.log10(se / truth.length);
    }

    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x / v.length;
        }
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean) / v.length;
        }
        return Math.sqrt(var);
    }
}
