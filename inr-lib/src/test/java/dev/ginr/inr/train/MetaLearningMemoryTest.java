package dev.ginr.inr.train;

import dev.ginr.inr.config.MetaConfig;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.model.MetaLearnedComposers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Second-order meta-training leaves nothing behind: the engine's live native arrays stay flat over 200 outer steps
 * after warm-up, and so does the resident memory (a backward with graph creation into leaf tensors would grow it
 * with a reference cycle per step, invisible to the array count; see {@code InnerGradient}).
 */
class MetaLearningMemoryTest {

    @Test
    void twoHundredSecondOrderStepsKeepLiveArraysAndResidentMemoryFlat() throws Exception {
        SignalBatch data = randomImages(24, 16);
        List<Integer> arrays = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        try (SingleThreadedEngine threads = new SingleThreadedEngine();
             NDManager root = GinrEngine.engine().newBaseManager()) {
            GinrEngine.seed(3);
            MetaLearnedComposers model = new MetaLearnedComposers(root, HyponetConfig.image(5, 64, 32, 32),
                    ComposerConfig.of(1, 64), MetaConfig.reference(), DataType.FLOAT32);
            try (Trainer trainer = new Trainer(model, TrainingPlan.constant(200, 8, 1e-4, 3).withIntervals(0, 0, 10),
                    java.util.Map.of())) {
                trainer.train(data, null, null, e -> {
                    arrays.add(GinrEngine.liveNativeArrays());
                    rss.add(residentMegabytes());
                });
            }
        }
        System.out.println("live native arrays every 10 steps: " + arrays);
        System.out.println("resident MB every 10 steps: " + rss);
        int warm = 4; // after 50 steps
        for (int k = warm; k < arrays.size(); k++) {
            assertEquals(arrays.get(warm), arrays.get(k), "live arrays at step " + (k + 1) * 10 + ": " + arrays);
        }
        long growth = rss.get(rss.size() - 1) - rss.get(warm);
        assertTrue(growth < 100, "resident memory grew by " + growth + " MB from step 50 to 200: " + rss);
    }

    private static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }

    private static SignalBatch randomImages(int count, int size) {
        Random r = new Random(5);
        float[] v = new float[count * size * size * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return new SignalBatch(v, count, new int[] {size, size}, 3);
    }
}
