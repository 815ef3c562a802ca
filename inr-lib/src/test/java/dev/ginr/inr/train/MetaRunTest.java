package dev.ginr.inr.train;

import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.model.MetaLearnedComposers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Meta-learning configs go through the common trainer, and their checkpoints hold phi and U like any parameter. */
class MetaRunTest {

    @Test
    void metaPresetsTrainAndRoundTripThroughCheckpoints(@TempDir Path tmp) {
        SignalBatch train = ImageFolder.load(TestData.crops(32, "train"), 32, 8).images();
        SignalBatch test = ImageFolder.load(TestData.crops(32, "test"), 32, 2).images();
        for (ModelType type : new ModelType[] {ModelType.META_LOW_RANK, ModelType.LEARNED_INIT}) {
            Path dir = tmp.resolve(type.yamlName());
            float[] recon;
            try (ExperimentRun run = ExperimentRun.ofPreset(type.yamlName(), "meta-32-small", type)) {
                TrainingResult r = run.train(TrainingPlan.from(run.spec(), train.count()).withSteps(3)
                        .withBatchSize(4).withIntervals(0, 0, 1), train, null, dir, false, ProgressListener.NONE);
                assertTrue(r.completed(), r.stopReason());
                assertEquals(3, r.history().size());
                recon = run.reconstruct(test, 1).values();
            }
            try (NDManager m = GinrEngine.engine().newBaseManager()) {
                var names = Checkpoint.read(dir.resolve(ExperimentRun.CHECKPOINT), m).tensors().keySet();
                if (type == ModelType.META_LOW_RANK) {
                    assertTrue(names.contains(MetaLearnedComposers.initName(1)) && names.contains("composers.U1"),
                            names.toString());
                } else {
                    assertTrue(names.contains("meta.init0") && names.contains("meta.init4"), names.toString());
                }
            }
            try (ExperimentRun loaded = ExperimentRun.load(dir)) {
                assertEquals(type, loaded.spec().modelType());
                assertArrayEquals(recon, loaded.reconstruct(test, 1).values(), type + " reconstruction changed");
            }
        }
    }
}
