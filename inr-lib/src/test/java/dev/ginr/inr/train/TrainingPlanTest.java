package dev.ginr.inr.train;

import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.YamlConfigReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a spec's run length, frequencies and schedule become optimiser steps, as in the reference trainer. */
class TrainingPlanTest {

    private static ExperimentSpec spec(String overrides) {
        return new YamlConfigReader().readOverPreset("image-32-small", overrides, "x.yaml").spec();
    }

    @Test
    void testFreqCountsEpochsEvenInARunMeasuredInSteps() {
        // 406 training images at batch 16: an epoch is 26 steps; test_freq 10 means every 10 epochs, not 10 steps
        TrainingPlan plan = TrainingPlan.from(spec("experiment: {steps: 1000, test_freq: 10, save_ckpt_freq: 5}\n"),
                406);
        assertEquals(1000, plan.steps());
        assertEquals(260, plan.evalEvery());
        assertEquals(130, plan.checkpointEvery());
    }

    @Test
    void aRunInEpochsAndItsWarmUpBecomeStepsAtTheSameRate() {
        TrainingPlan plan = TrainingPlan.from(spec("""
                optimizer: {schedule: null, warmup: {epoch: 0.5, min_lr: 0.0001}}
                experiment: {steps: 0, epochs: 3, test_freq: 1}
                """), 100); // 7 steps per epoch
        assertEquals(21, plan.steps());
        assertEquals(7, plan.evalEvery());
        assertEquals(4, plan.warmupSteps()); // round(0.5 x 7)
    }

    @Test
    void cosineScheduleEndsAtTheConfiguredMinimumLearningRate() {
        TrainingPlan plan = TrainingPlan.from(spec("""
                optimizer: {init_lr: 0.001, schedule: cosine, warmup: {steps: 10, min_lr: 0.0001}}
                experiment: {steps: 110}
                """), 406);
        assertEquals(1e-3, plan.learningRateAt(10), 1e-15);
        assertEquals(0.55e-3, plan.learningRateAt(60), 1e-12); // half way: (1e-3 + 1e-4) / 2
        assertEquals(1e-4, plan.learningRateAt(110), 1e-15); // the reference's CosineAnnealingLR eta_min
    }
}
