package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.ExperimentRun;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code %ginr_eval} evaluates batch by batch and stops between batches when its thread is interrupted. */
class EvalInterruptTest {

    @Test
    void evaluationStopsBetweenBatchesWhenInterruptedAndIsWholeOtherwise() {
        try (ExperimentRun run = ExperimentRun.ofPreset("eval", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            int batch = run.spec().experiment().batchSize();
            SignalBatch images = randomImages(batch + 3, 5);
            double[] whole = EvalMagic.evaluate(run, images);
            assertEquals(batch + 3, whole.length);
            assertArrayEquals(run.evaluate(images), whole, 1e-4, "batch by batch = all at once");
            Thread.currentThread().interrupt();
            try {
                assertEquals(0, EvalMagic.evaluate(run, images).length, "interrupted before the first batch");
            } finally {
                Thread.interrupted();
            }
        }
    }

    private static SignalBatch randomImages(int count, long seed) {
        Random r = new Random(seed);
        float[] values = new float[count * 32 * 32 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextFloat();
        }
        return new SignalBatch(values, count, new int[] {32, 32}, 3);
    }
}
