package dev.ginr.notebook.display;

import dev.ginr.inr.train.ProgressEvent;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingDisplayTest {

    @Test
    void oneDisplayIsUpdatedInPlaceAtMostOncePerInterval() {
        RecordingSink sink = new RecordingSink();
        AtomicLong now = new AtomicLong(0);
        TrainingDisplay d = new TrainingDisplay(sink, "training 'x'", 300, now::get).start("32x32, tiny");
        for (int step = 1; step <= 100; step++) {
            now.addAndGet(10); // 100 events over 1 s
            d.onProgress(new ProgressEvent(step, 100, 0.1 / step, 10 + step * 0.1, 1e-4, 5, (100 - step) / 5.0));
        }
        d.onFinish(null);
        assertEquals(1, sink.displayed.size());
        String id = sink.displayed.get(0).getDisplayId();
        assertTrue(id.startsWith("ginr-training-"), id);
        assertEquals(3 + 1, sink.updates.size(), "3 redraws in 1 s at >= 300 ms apart, plus the final one");
        assertTrue(sink.updatedIds.stream().allMatch(id::equals));
        assertEquals(4, d.updates());
    }

    @Test
    void frameShowsStepRateEtaLossAndPsnrAndACurve() {
        RecordingSink sink = new RecordingSink();
        AtomicLong now = new AtomicLong(0);
        TrainingDisplay d = new TrainingDisplay(sink, "training 'x'", 0, now::get).start("tiny");
        d.onProgress(new ProgressEvent(10, 40, 0.02, 17.0, 1e-4, 2.5, 12));
        d.onProgress(new ProgressEvent(20, 40, 0.01, 20.0, 1e-4, 2.5, 8));
        d.onEvaluation(20, 15.5);
        String text = (String) sink.updates.get(sink.updates.size() - 1).getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("step 20/40 (50%)"), text);
        assertTrue(text.contains("2.50 steps/s") && text.contains("ETA 8 s"), text);
        assertTrue(text.contains("loss 0.01000") && text.contains("batch PSNR 20.00 dB"), text);
        assertTrue(text.contains("held-out PSNR 15.50 dB at step 20"), text);
        String html = (String) sink.updates.get(sink.updates.size() - 1).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("width:50.0%") && html.contains("data:image/png;base64,"), html);
    }

    @Test
    void durationsReadAsHumanTime() {
        assertEquals("42 s", TrainingView.duration(42.2));
        assertEquals("3 min 05 s", TrainingView.duration(185));
        assertEquals("1 h 02 min", TrainingView.duration(3720));
        assertEquals("-", TrainingView.duration(Double.NaN));
    }
}
