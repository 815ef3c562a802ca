package dev.ginr.notebook.display;

import dev.ginr.inr.train.ProgressEvent;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingDisplayTest {

    @Test
    void oneDisplayIsUpdatedInPlaceOncePerTickNotPerEvent() {
        RecordingSink sink = new RecordingSink();
        AtomicLong now = new AtomicLong(0);
        TrainingDisplay d = new TrainingDisplay(sink, "training 'x'", 300, now::get, false).start("32x32, tiny");
        for (int step = 1; step <= 100; step++) {
            now.addAndGet(10); // 100 events over 1 s
            d.onProgress(new ProgressEvent(step, 100, 0.1 / step, 10 + step * 0.1, 1e-4, 5, (100 - step) / 5.0));
            if (now.get() % 300 == 0) {
                d.tick(); // the clock beats at 300, 600 and 900 ms
            }
        }
        d.onFinish(null);
        d.tick(); // the last step's frame
        d.tick(); // the run is over: the clock no longer redraws
        assertEquals(1, sink.displayed.size());
        String id = sink.displayed.get(0).getDisplayId();
        assertTrue(id.startsWith("ginr-training-"), id);
        assertEquals(3 + 1, sink.updates.size(), "3 beats in 1 s, plus the final frame; events alone redraw nothing");
        assertTrue(sink.updatedIds.stream().allMatch(id::equals));
        assertEquals(4, d.updates());
        assertTrue(text(sink, sink.updates.size() - 1).contains("step 100/100"));
    }

    @Test
    void aRunningDisplayMovesEveryTickEvenWithoutProgress() {
        RecordingSink sink = new RecordingSink();
        AtomicLong now = new AtomicLong(0);
        TrainingDisplay d = new TrainingDisplay(sink, "training 'slow'", 500, now::get, false).start("178x178");
        d.onProgress(new ProgressEvent(10, 100, 0.02, 17.0, 1e-4, 0.5, 180));
        for (int beat = 1; beat <= 6; beat++) {
            now.addAndGet(500); // steps take seconds: no new progress for 3 s
            d.tick();
        }
        assertEquals(6, sink.updates.size(), "one update per beat, at least one a second");
        assertTrue(text(sink, 0).contains("0 s elapsed") && text(sink, 0).contains("ETA 3 min 00 s"), text(sink, 0));
        assertTrue(text(sink, 5).contains("3 s elapsed") && text(sink, 5).contains("ETA 2 min 57 s"), text(sink, 5));
        assertTrue(text(sink, 5).contains("step 10/100"), text(sink, 5));
    }

    @Test
    void theDisplaysOwnThreadPublishesAlsoWhenTheCallerIsInterrupted() {
        RecordingSink sink = new RecordingSink();
        TrainingDisplay d = new TrainingDisplay(sink, "training 'x'", 100, System::currentTimeMillis).start("tiny");
        Thread.currentThread().interrupt();
        try {
            d.fail("stopped");
            assertTrue(Thread.currentThread().isInterrupted(), "the caller keeps its interrupt");
        } finally {
            Thread.interrupted();
        }
        assertTrue(sink.threads.stream().allMatch(t -> t.startsWith("ginr-display-")), sink.threads.toString());
        String last = (String) sink.updates.get(sink.updates.size() - 1).getData(MIMEType.TEXT_PLAIN);
        assertEquals("training 'x': stopped", last);
        int n = sink.updates.size();
        d.tick();
        assertEquals(n, sink.updates.size(), "an ended display is not redrawn");
    }

    @Test
    void theRedrawPeriodIsBetweenATenthOfASecondAndASecond() {
        RecordingSink sink = new RecordingSink();
        assertThrows(IllegalArgumentException.class, () -> new TrainingDisplay(sink, "x", 1500, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingDisplay(sink, "x", 10, () -> 0));
    }

    @Test
    void frameShowsStepRateEtaLossAndPsnrAndACurve() {
        RecordingSink sink = new RecordingSink();
        AtomicLong now = new AtomicLong(0);
        TrainingDisplay d = new TrainingDisplay(sink, "training 'x'", 100, now::get, false).start("tiny");
        d.onProgress(new ProgressEvent(10, 40, 0.02, 17.0, 1e-4, 2.5, 12));
        d.onProgress(new ProgressEvent(20, 40, 0.01, 20.0, 1e-4, 2.5, 8));
        d.onEvaluation(20, 15.5);
        d.tick();
        String text = text(sink, sink.updates.size() - 1);
        assertTrue(text.contains("step 20/40 (50%)"), text);
        assertTrue(text.contains("2.50 steps/s") && text.contains("ETA 8 s"), text);
        assertTrue(text.contains("loss 0.01000") && text.contains("batch PSNR 20.00 dB"), text);
        assertTrue(text.contains("held-out PSNR 15.50 dB at step 20"), text);
        String html = (String) sink.updates.get(sink.updates.size() - 1).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("width:50.0%") && html.contains("data:image/png;base64,"), html);
    }

    private static String text(RecordingSink sink, int update) {
        return (String) sink.updates.get(update).getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void durationsReadAsHumanTime() {
        assertEquals("42 s", TrainingView.duration(42.2));
        assertEquals("3 min 05 s", TrainingView.duration(185));
        assertEquals("1 h 02 min", TrainingView.duration(3720));
        assertEquals("-", TrainingView.duration(Double.NaN));
    }
}
