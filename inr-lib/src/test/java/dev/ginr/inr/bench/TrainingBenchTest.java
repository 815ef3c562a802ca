package dev.ginr.inr.bench;

import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.SignalBatch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingBenchTest {

    @Test
    void windowsAreTimedAfterTheWarmupAndNativeArraysStayFlat() {
        ExperimentSpec spec = Presets.load("image-32-small");
        SignalBatch data = SyntheticImages.create(4, 32, 3);
        TrainingBench.Result r = TrainingBench.run(spec, data, 2, 2, 3, 2);
        assertEquals(3, r.stepsPerSecond().samples().length);
        assertEquals(6, r.timedSteps());
        assertTrue(r.stepsPerSecond().min() > 0);
        assertEquals(2 * 1024.0, r.coordinatesPerSecond().median() / r.stepsPerSecond().median(), 1e-9);
        assertEquals(r.arraysAfterWarmup(), r.arraysAfterRun(), "live native arrays after warm-up and after the run");
        assertTrue(r.rssAfterWarmup() > 0 && r.rssAfterRun() > 0);
        assertEquals(3, r.rssByWindow().length, "one resident-memory reading per window");
        assertEquals(r.rssAfterRun(), r.rssByWindow()[2], "the last window's reading is the end of the run");
        assertTrue(r.jvmAfterWarmup() > 0 && r.jvmAfterRun() > 0);
        assertEquals(StepFlops.of(spec, 2).trainingStep(), r.flops().trainingStep());
    }

    @Test
    void syntheticImagesAreSeededAndInTheUnitRange() {
        SignalBatch a = SyntheticImages.create(2, 8, 5);
        SignalBatch b = SyntheticImages.create(2, 8, 5);
        assertEquals(2 * 64 * 3, a.values().length);
        assertEquals(java.util.Arrays.toString(a.values()), java.util.Arrays.toString(b.values()));
        for (float v : a.values()) {
            assertTrue(v >= 0 && v <= 1);
        }
    }
}
