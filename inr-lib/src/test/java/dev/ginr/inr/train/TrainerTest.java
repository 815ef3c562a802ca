package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.PhotoCrops;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Models;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    static SignalBatch train;
    static SignalBatch test;

    @BeforeAll
    static void data() {
        train = ImageFolder.load(TestData.crops(32, "train"), 32).images(); // every source photo: generalisation needs variety
        // crop 00 of every held-out photo: every test photograph once, and four evaluations stay cheap
        test = PhotoCrops.load().test();
    }

    private static TrainingPlan smallPlan(int steps, int batch) {
        return TrainingPlan.from(Presets.load("image-32-small"), train.count()).withSteps(steps).withBatchSize(batch)
                .withIntervals(0, 0, 1);
    }

    private static Map<String, float[]> parameters(GeneralizableInr model) {
        Map<String, float[]> out = new TreeMap<>();
        model.parameters().all().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    @Test
    void hypernetworkRaisesHeldOutPsnrByThreeDecibelsOnRealPhotoCrops() {
        try (ExperimentRun run = ExperimentRun.ofPreset("learn", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            double before = java.util.Arrays.stream(run.evaluate(test)).average().orElseThrow();
            TrainingPlan plan = smallPlan(60, 16).withIntervals(20, 0, 10);
            TrainingResult r = run.train(plan, train, test, null, false, ProgressListener.NONE);
            double after = r.finalEvalPsnr();
            r.evaluations().forEach(e -> System.out.printf("  step %.0f: held-out PSNR %.2f dB%n", e[0], e[1]));
            r.history().forEach(e -> System.out.printf("  step %d: train loss %.4f%n", e.step(), e.loss()));
            System.out.printf("image-32-small composers + transformer, 60 steps x 16: held-out PSNR %.2f -> %.2f dB%n",
                    before, after);
            assertTrue(r.completed());
            assertTrue(after >= before + 3, "held-out PSNR must rise by 3 dB: " + before + " -> " + after);
        }
    }

    @Test
    void checkpointRoundTripReproducesOutputsBitForBit(@TempDir Path dir) {
        SignalBatch recon;
        try (ExperimentRun run = ExperimentRun.ofPreset("ckpt", "image-32-small", ModelType.TRANSINR)) {
            run.train(smallPlan(3, 4), train, null, dir, false, ProgressListener.NONE);
            recon = run.reconstruct(test.slice(0, 3), 1);
        }
        assertTrue(Files.exists(dir.resolve(ExperimentRun.CHECKPOINT)));
        try (ExperimentRun loaded = ExperimentRun.load(dir)) {
            assertEquals(ModelType.TRANSINR, loaded.spec().modelType());
            assertEquals("ckpt", loaded.name());
            assertArrayEquals(recon.values(), loaded.reconstruct(test.slice(0, 3), 1).values());
        }
    }

    @Test
    void resumingAfterNStepsEqualsTrainingNPlusMStraight(@TempDir Path dir) {
        Map<String, float[]> straight;
        try (ExperimentRun run = ExperimentRun.ofPreset("a", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            run.train(smallPlan(5, 4), train, null, null, false, ProgressListener.NONE);
            straight = parameters(run.model());
        }
        try (ExperimentRun first = ExperimentRun.ofPreset("b", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            first.train(smallPlan(3, 4), train, null, dir, false, ProgressListener.NONE);
        }
        Map<String, float[]> resumed;
        try (ExperimentRun second = ExperimentRun.ofPreset("b", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            TrainingResult r = second.train(smallPlan(5, 4), train, null, dir, true, ProgressListener.NONE);
            assertEquals(5, r.stepsDone());
            assertEquals(2, r.history().size(), "only steps 4 and 5 run after the resume");
            resumed = parameters(second.model());
        }
        assertEquals(straight.keySet(), resumed.keySet());
        straight.forEach((k, v) -> assertArrayEquals(v, resumed.get(k), k + " differs after resume"));
    }

    @Test
    void aNanLossStopsTrainingAndTheLastGoodCheckpointStillLoads(@TempDir Path dir) {
        ExperimentSpec spec = Presets.load("image-32-small");
        GinrEngine.seed(0);
        try (NDManager m = GinrEngine.engine().newBaseManager();
             GeneralizableInr model = Models.create(spec, m, DataType.FLOAT32);
             Trainer trainer = new Trainer(model, smallPlan(10, 4).withIntervals(0, 2, 1),
                     Map.of("config.yaml", Presets.yaml("image-32-small")))) {
            int[] calls = {0};
            trainer.setLossTransform(loss -> ++calls[0] > 5 ? loss.mul(Float.NaN) : loss); // one call per step: NaN from step 6 on
            TrainingResult r = trainer.train(train, null, dir, ProgressListener.NONE);
            assertFalse(r.completed());
            assertTrue(r.stopReason().contains("stopped at step 6") && r.stopReason().contains("NaN"), r.stopReason());
            assertEquals(5, r.stepsDone());
            assertNotNull(r.lastCheckpoint());
        }
        try (ExperimentRun loaded = ExperimentRun.load(dir)) {
            double[] psnr = loaded.evaluate(test.slice(0, 2));
            assertTrue(Double.isFinite(psnr[0]) && Double.isFinite(psnr[1]));
        }
    }

    @Test
    void anInterruptOnAnotherThreadStopsAtAStepBoundaryWithALoadableCheckpoint(@TempDir Path dir) throws Exception {
        TrainingResult[] result = new TrainingResult[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try (ExperimentRun run = ExperimentRun.ofPreset("intr", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
                // a fresh thread: PyTorch's grad mode is on here by default, the optimiser must still work
                result[0] = run.train(smallPlan(50, 2), train, null, dir, false, new ProgressListener() {
                    @Override
                    public void onProgress(ProgressEvent e) {
                        if (e.step() == 3) {
                            Thread.currentThread().interrupt(); // as a notebook's interrupt does
                        }
                    }
                });
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        worker.start();
        worker.join();
        if (failure[0] != null) {
            throw new AssertionError("training on another thread failed", failure[0]);
        }
        assertEquals("interrupted", result[0].stopReason());
        assertEquals(3, result[0].stepsDone());
        assertEquals(dir.resolve(ExperimentRun.CHECKPOINT), result[0].lastCheckpoint());
        try (ExperimentRun loaded = ExperimentRun.load(dir)) {
            assertTrue(Double.isFinite(loaded.evaluate(test.slice(0, 1))[0]));
        }
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            assertEquals("3", Checkpoint.read(dir.resolve(ExperimentRun.CHECKPOINT), m).meta("train.step"));
        }
    }

    @Test
    void aStopRequestFromAnotherThreadEndsAtAStepBoundaryWithACheckpointThatRecordsItsData(@TempDir Path dir) {
        StopRequest stop = new StopRequest();
        TrainingResult r;
        try (ExperimentRun run = ExperimentRun.ofPreset("stop", "image-32-small", ModelType.TRANSINR)) {
            r = run.train(smallPlan(40, 2), train, null, dir, false, e -> {
                if (e.step() == 2) {
                    stop.request("test");
                }
            }, stop);
        }
        assertEquals("interrupted", r.stopReason());
        assertEquals(2, r.stepsDone());
        Checkpoint.Contents c = Checkpoint.readMetadata(dir.resolve(ExperimentRun.CHECKPOINT));
        assertEquals(2, c.metaLong("train.step"));
        assertEquals(Provenance.fingerprint(train), c.meta("data.fingerprint"));
        assertTrue(c.meta("data.fingerprint").matches("sha256:[0-9a-f]{64}"), c.meta("data.fingerprint"));
        assertEquals(Integer.toString(train.count()), c.meta("data.train_signals"));
        assertFalse(Provenance.fingerprint(train).equals(Provenance.fingerprint(train.slice(1, train.count()))),
                "other data, another fingerprint");
    }

    @Test
    void resumingRefusesAnotherSeedOrModelAndTellsOfAnotherLearningRate(@TempDir Path dir) {
        try (ExperimentRun first = ExperimentRun.ofPreset("r", "image-32-small", ModelType.TRANSINR)) {
            first.train(smallPlan(2, 2), train, null, dir, false, ProgressListener.NONE);
        }
        TrainingPlan p = smallPlan(3, 2);
        TrainingPlan otherSeed = new TrainingPlan(p.steps(), p.batchSize(), p.learningRate(), p.beta1(), p.beta2(),
                p.weightDecay(), p.schedule(), p.warmupSteps(), p.maxGradNorm(), p.coordNoise(), p.subsampleRatio(),
                p.evalEvery(), p.checkpointEvery(), p.logEvery(), 5);
        try (ExperimentRun second = ExperimentRun.ofPreset("r", "image-32-small", ModelType.TRANSINR)) {
            String msg = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> second.train(otherSeed, train, null, dir, true, ProgressListener.NONE)).getMessage();
            assertTrue(msg.contains("trained with seed 0") && msg.contains("this run's seed is 5"), msg);
        }
        try (ExperimentRun ours = ExperimentRun.ofPreset("r", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            String msg = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ours.train(p, train, null, dir, true, ProgressListener.NONE)).getMessage();
            assertTrue(msg.contains("holds a transinr model") && msg.contains("low_rank_modulated_transinr"), msg);
        }
        java.util.List<String> notices = new java.util.ArrayList<>();
        try (ExperimentRun third = ExperimentRun.ofPreset("r", "image-32-small", ModelType.TRANSINR)) {
            TrainingResult r = third.train(p.withLearningRate(3e-4), train, null, dir, true, new ProgressListener() {
                @Override
                public void onProgress(ProgressEvent e) { }

                @Override
                public void onNotice(String message) {
                    notices.add(message);
                }
            });
            assertEquals(3, r.stepsDone());
            assertEquals(1, r.history().size(), "only step 3 runs after the resume");
        }
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("learning rate 1.0E-4") && notices.get(0).contains("from step 2 with "
                + "3.0E-4"), notices.get(0));
    }

    @Test
    void liveNativeArraysStayFlatOverTwoHundredTrainingSteps() {
        Map<Long, Integer> live = new LinkedHashMap<>();
        try (ExperimentRun run = ExperimentRun.ofPreset("mem", "image-32-small", ModelType.LOW_RANK_TRANSINR)) {
            run.train(smallPlan(200, 2).withIntervals(0, 0, 20), train, null, null, false, new ProgressListener() {
                @Override
                public void onProgress(ProgressEvent e) {
                    live.put(e.step(), GinrEngine.liveNativeArrays());
                }
            });
        }
        System.out.println("live native arrays during training: " + live);
        assertEquals(10, live.size());
        assertEquals(1, live.values().stream().distinct().count(), "live native arrays changed: " + live);
    }

    @Test
    void learningRateSchedulesFollowTheirFormulas() {
        TrainingPlan base = smallPlan(100, 4);
        TrainingPlan cosine = new TrainingPlan(100, 4, 1e-3, 0.9, 0.999, 0, TrainingPlan.Schedule.COSINE, 10, 0,
                base.coordNoise(), 1, 0, 0, 1, 0);
        assertEquals(1e-4, base.learningRateAt(1), 0);
        assertEquals(1e-4, cosine.learningRateAt(1), 1e-15); // warm-up: 1/10 of 1e-3
        assertEquals(1e-3, cosine.learningRateAt(10), 1e-15);
        assertEquals(0.5e-3, cosine.learningRateAt(55), 1e-12); // half way through the cosine
        assertEquals(0, cosine.learningRateAt(100), 1e-15);
    }
}
