package dev.ginr.inr.train;

import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.TestData;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.data.ImageFolder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceFitterTest {

    /** 5-layer MLP of width 64, 16 deterministic frequencies per axis up to 32, rank 64 on layer index 1. */
    private static final HyponetConfig HYPONET = HyponetConfig.image(5, 64, 32, 32);
    private static final ComposerConfig COMPOSERS = ComposerConfig.of(1, 64);

    @Test
    void eightRealPhotoCropsReachTwentyFiveDecibelsWithinThreeHundredSteps() {
        ImageFolder crops = ImageFolder.load(TestData.crops(32, "train"), 32, 8);
        assertEquals(8, crops.files().size());
        InstanceFitter fitter = new InstanceFitter(HYPONET, COMPOSERS);
        List<ProgressEvent> events = new ArrayList<>();
        InstanceFitter.Result result;
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            result = fitter.fit(m, crops.images(), new InstanceFitter.Settings(300, 1e-3, true, 0, 1), events::add);
        }
        double first = events.get(0).psnr();
        double last = result.meanFinalPsnr();
        System.out.printf("fit of 8 real 32x32 crops: PSNR %.2f dB at step 0 -> %.2f dB after 300 steps%n", first, last);
        assertEquals(300, events.size());
        assertTrue(first < 16, "an untrained INR should be far from the photos, got " + first);
        assertTrue(last >= 25, "mean PSNR after 300 steps must reach 25 dB, got " + last);
        assertEquals(8, result.finalPsnr().length);
        assertEquals(8 * 32 * 32 * 3, result.reconstructions().values().length);
    }

    @Test
    void liveNativeArraysStayFlatFromStepTwentyToStepTwoHundred() {
        ImageFolder crops = ImageFolder.load(TestData.crops(32, "train"), 32, 4);
        Map<Long, Integer> live = new TreeMap<>();
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            new InstanceFitter(HYPONET, COMPOSERS).fit(m, crops.images(),
                    new InstanceFitter.Settings(200, 1e-3, true, 1, 20),
                    e -> live.put(e.step(), GinrEngine.liveNativeArrays()));
        }
        System.out.println("live native arrays by step: " + live);
        assertEquals(10, live.size());
        assertEquals(live.get(20L), live.get(200L), "live native arrays grew: " + live);
        assertEquals(1, live.values().stream().distinct().count(), "live native arrays changed: " + live);
    }

    @Test
    void aStopRequestOrAnInterruptEndsTheFitAtAStepBoundaryAsTheTrainerStops() {
        ImageFolder crops = ImageFolder.load(TestData.crops(32, "train"), 32, 2);
        InstanceFitter.Settings s = new InstanceFitter.Settings(50, 1e-3, true, 3, 1);
        StopRequest stop = new StopRequest();
        InstanceFitter.Result requested;
        InstanceFitter.Result interrupted;
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            requested = new InstanceFitter(HYPONET, COMPOSERS).fit(m, crops.images(), s, e -> {
                if (e.step() == 2) {
                    stop.request("test");
                }
            }, stop);
            interrupted = new InstanceFitter(HYPONET, COMPOSERS).fit(m, crops.images(), s, e -> {
                if (e.step() == 4) {
                    Thread.currentThread().interrupt(); // as a notebook's interrupt does
                }
            });
        } finally {
            Thread.interrupted(); // clear it for the next tests
        }
        assertEquals("interrupted", requested.stopReason());
        assertEquals(2, requested.stepsDone());
        assertEquals(2, requested.history().size());
        assertEquals("interrupted", interrupted.stopReason());
        assertEquals(4, interrupted.stepsDone());
        assertEquals(2, interrupted.finalPsnr().length, "the fit so far comes back, not an exception");
        assertTrue(Double.isFinite(interrupted.meanFinalPsnr()));
    }

    @Test
    void sameSeedGivesTheSamePsnrOnCpu() {
        ImageFolder crops = ImageFolder.load(TestData.crops(32, "train"), 32, 2);
        InstanceFitter.Settings s = new InstanceFitter.Settings(5, 1e-3, true, 42, 5);
        double[] a;
        double[] b;
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            a = new InstanceFitter(HYPONET, COMPOSERS).fit(m, crops.images(), s, ProgressListener.NONE).finalPsnr();
            b = new InstanceFitter(HYPONET, COMPOSERS).fit(m, crops.images(), s, ProgressListener.NONE).finalPsnr();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0);
    }
}
