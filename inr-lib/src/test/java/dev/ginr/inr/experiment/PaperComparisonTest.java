package dev.ginr.inr.experiment;

import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Audio runs stand beside Table 1's column of their own clip length, never another's. */
class PaperComparisonTest {

    private static RunScore audio(String run, ModelType model, double seconds, double psnr) {
        return new RunScore(run, model, "librispeech", 0, 300, 8, 1108, 403, psnr, "cpu()", seconds);
    }

    @Test
    void audioRunsMeetTheColumnOfTheirClipLength() {
        Table t = PaperComparison.of(List.of(audio("a1", ModelType.LOW_RANK_TRANSINR, 1, 20.0),
                audio("a3", ModelType.LOW_RANK_TRANSINR, 3, 21.0), audio("t3", ModelType.TRANSINR, 3, 19.0)), null);
        assertTrue(t.name().contains(PaperResults.AUDIO_SCALE), t.name());
        assertEquals("Table 1 'Ours', LibriSpeech 1 s", t.stringColumn(4).get(0));
        assertEquals(40.11, t.doubleColumn(5).get(0), 1e-9);
        assertEquals("Table 1 'Ours', LibriSpeech 3 s", t.stringColumn(4).get(1));
        assertEquals(35.38, t.doubleColumn(5).get(1), 1e-9);
        assertEquals(21.0 - 35.38, t.doubleColumn(6).get(1), 1e-9);
        assertEquals(33.17, t.doubleColumn(5).get(2), 1e-9);
        assertEquals("3 s audio clips, 300 steps of batch 8, 1108 train / 403 held-out clips, cpu()",
                t.stringColumn(2).get(1));
    }

    @Test
    void aClipLengthTheTableDoesNotReportGetsNoPaperNumber() {
        Table t = PaperComparison.of(List.of(audio("a2", ModelType.LOW_RANK_TRANSINR, 2, 20.0)), null);
        assertEquals("none: Table 1 reports 1 s and 3 s clips, this run has 2 s clips", t.stringColumn(4).get(0));
        assertTrue(t.doubleColumn(5).isMissing(0));
        assertTrue(t.doubleColumn(6).isMissing(0));
    }

    @Test
    void theThreeSecondPresetScoresCarryItsClipLength() {
        assertEquals(3.0, Presets.load("audio-3s-paper").dataset().clipSeconds(), 1e-12);
        assertEquals(1.0, Presets.load(Presets.AUDIO_1S_SMALL).dataset().clipSeconds(), 1e-12);
    }
}
