package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PaperResults;
import dev.ginr.inr.experiment.RunScore;
import dev.ginr.notebook.display.RecordingSink;
import dev.ginr.notebook.kernel.GeneratedScenes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %ginr_eval} on a novel view synthesis run: held-out objects' query views beside the all-white prediction,
 * the score kept for {@code %ginr_table} (Table 4's column), {@code --test-images} counting objects, and a one-line
 * error when a run has no scene folder to evaluate on.
 */
class EvalScenesMagicTest {

    private static final GinrSession SESSION = GinrSession.create();
    private static Path scenes;

    @BeforeAll
    static void runAndScenes(@TempDir Path tmp) throws Exception {
        scenes = GeneratedScenes.write(tmp.resolve("scenes"), 2, 3);
        SESSION.putRun(new SessionRun(ExperimentRun.ofPreset("nvs", "nvs-small", ModelType.LOW_RANK_TRANSINR),
                null, null, null));
    }

    @AfterAll
    static void close() {
        SESSION.runs().values().forEach(r -> r.run().close());
    }

    @Test
    void heldOutObjectsStandBesideAllWhiteAndTheScoreGoesToTable4() {
        EvalMagic eval = new EvalMagic(SESSION);
        RecordingSink sink = new RecordingSink();
        Table t = (Table) eval.call(sink, List.of("nvs", "--data", scenes.toString()), null);
        assertEquals(1, sink.displayed.size(), "one table is shown");
        assertEquals(2, t.rowCount(), t.print());
        assertEquals(List.of("nvs", "all-white"), t.stringColumn(0).asList());
        double ours = t.doubleColumn("mean PSNR (dB)").get(0);
        double white = t.doubleColumn("mean PSNR (dB)").get(1);
        assertTrue(Double.isFinite(ours) && ours > 0 && ours < 60, t.print());
        assertTrue(Double.isFinite(white) && white > 0 && white < 60, t.print());
        assertTrue(t.stringColumn(2).get(0).startsWith("held-out chairs: 3 objects"), t.stringColumn(2).get(0));

        RunScore score = SESSION.run("nvs").score();
        assertEquals("scenes:chairs", score.dataset());
        assertEquals(3, score.testSignals());
        assertEquals(ours, score.meanPsnr(), 1e-9);
        Table table = (Table) new TableMagic(SESSION).call(new RecordingSink(), List.of("nvs"), null);
        assertTrue(table.name().contains(PaperResults.SCENE_SCALE), table.name());
        assertEquals("Table 4 'Ours', ShapeNet Chairs", table.stringColumn("paper: table, data set").get(0));
        assertEquals(19.30, table.doubleColumn("paper: PSNR (dB)").get(0), 1e-9);
    }

    @Test
    void testImagesCountsHeldOutObjects() {
        Table t = (Table) new EvalMagic(SESSION).call(new RecordingSink(),
                List.of("nvs", "--data", scenes.toString(), "--test-images", "1"), null);
        assertTrue(t.stringColumn(2).get(0).startsWith("held-out chairs: 1 objects"), t.stringColumn(2).get(0));
        assertEquals(1, SESSION.run("nvs").score().testSignals());
    }

    @Test
    void aFolderThatHoldsNoScenesIsNamedInOneLine(@TempDir Path empty) {
        MagicFailure f = org.junit.jupiter.api.Assertions.assertThrows(MagicFailure.class, () -> new EvalMagic(SESSION)
                .call(new RecordingSink(), List.of("nvs", "--data", empty.toString()), null));
        assertTrue(f.getMessage().startsWith("%ginr_eval: ") && f.getMessage().contains(empty.toString()),
                f.getMessage());
        assertFalse(f.getMessage().contains("\n"), f.getMessage());
    }
}
