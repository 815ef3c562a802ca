package dev.ginr.inr.train;

import dev.ginr.inr.config.MetaConfig;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.data.PhotoCrops;
import dev.ginr.inr.model.LearnedInitBaseline;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Learned Init baseline (every layer's full weight adapted, meta-32-small hyponet, 2 inner steps, inner_lr
 * 0.003) meta-trains on real photo crops: {@value #STEPS} outer steps, batch 16, Adam 1e-4, held-out photos.
 */
class LearnedInitBaselineTest {

    static final int STEPS = 160;

    @Test
    void metaTrainingTheFullWeightInitRaisesHeldOutPsnrAndEveryInnerStepHelps() {
        PhotoCrops.Split photos = PhotoCrops.load();
        org.junit.jupiter.api.Assertions.assertNotNull(photos,
                "no real photos: run data-scripts/build-offline-photos.sh (the README's test command does)");
        try (SingleThreadedEngine threads = new SingleThreadedEngine();
             NDManager root = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(2);
            LearnedInitBaseline model = new LearnedInitBaseline(root, HyponetConfig.image(5, 64, 32, 32),
                    MetaConfig.reference(), DataType.FLOAT32);
            try (Trainer trainer = new Trainer(model, TrainingPlan.constant(STEPS, 16, 1e-4, 2), java.util.Map.of())) {
                AdaptationResult before = Evaluation.adaptation(model, photos.test(), 16);
                trainer.train(photos.train(), null, null, ProgressListener.NONE);
                AdaptationResult after = Evaluation.adaptation(model, photos.test(), 16);
                System.out.println("Learned Init held-out mean PSNR per inner step, untrained "
                        + Arrays.toString(before.meanPsnrByStep()) + ", trained " + Arrays.toString(
                        after.meanPsnrByStep()));
                double gain = after.meanFinalPsnr() - before.meanFinalPsnr();
                assertTrue(gain >= 2, "held-out PSNR after the inner loop rose by only " + gain + " dB");
                double[] byStep = after.meanPsnrByStep();
                for (int k = 1; k < byStep.length; k++) {
                    assertTrue(byStep[k] > byStep[k - 1], "inner step " + k + ": " + Arrays.toString(byStep));
                }
            }
        }
    }
}
