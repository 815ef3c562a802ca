package dev.ginr.inr.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.bench.SyntheticImages;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Models;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ProgressListener#afterStep} comes once per step, in order, after the step's scope closed: what a listener
 * sees there is what training keeps between steps (the bench reads memory there), not the step's temporaries.
 */
class AfterStepTest {

    @Test
    void afterStepFollowsEveryStepOnceItsTensorsAreFreed() {
        ExperimentSpec spec = Presets.load("image-32-small");
        List<Long> steps = new ArrayList<>();
        List<Integer> inStep = new ArrayList<>();
        List<Integer> between = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onProgress(ProgressEvent e) {
                inStep.add(GinrEngine.liveNativeArrays());
            }

            @Override
            public void afterStep(long step) {
                steps.add(step);
                between.add(GinrEngine.liveNativeArrays());
            }
        };
        TrainingPlan plan = TrainingPlan.from(spec, 4).withSteps(5).withBatchSize(2).withIntervals(0, 0, 1);
        try (NDManager manager = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(0);
            try (GeneralizableInr model = Models.create(spec, manager, DataType.FLOAT32);
                 Trainer trainer = new Trainer(model, plan, Map.of())) {
                assertTrue(trainer.train(SyntheticImages.create(4, 32, 3), null, null, listener).completed());
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), steps);
        for (int i = 1; i < 5; i++) {
            assertEquals(between.get(1), between.get(i), "the same live arrays between steps 2..5: " + between);
            assertTrue(inStep.get(i) > between.get(i), "a step's own tensors are gone after it: in step "
                    + inStep + ", between steps " + between);
        }
    }
}
