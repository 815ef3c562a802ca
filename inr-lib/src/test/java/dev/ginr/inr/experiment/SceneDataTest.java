package dev.ginr.inr.experiment;

import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.data.scene.SceneFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenes of a notebook recipe (limited by object) and their scores beside the paper's Table 4. */
class SceneDataTest {

    @Test
    void limitsEachSplitToItsFirstObjectsAndScoresTheWhitePrediction(@TempDir Path tmp) throws Exception {
        SceneFixture.write(tmp, "chairs", List.of("a", "b", "c"), List.of("x", "y"), 4, 32);
        var spec = Presets.load("nvs-small");
        SceneData all = SceneData.load(tmp, spec, 0, 0);
        SceneData some = SceneData.load(tmp, spec, 2, 1);
        assertEquals(List.of("a", "b", "c"), all.folder().train().stream().map(o -> o.id()).toList());
        assertEquals(List.of("a", "b"), some.folder().train().stream().map(o -> o.id()).toList());
        assertEquals(List.of("x"), some.folder().test().stream().map(o -> o.id()).toList());
        assertEquals(10, some.test().count(), "one held-out object in val_config.repeat = 10 scenes");
        double white = java.util.Arrays.stream(some.test().whitePsnr()).average().orElseThrow();
        assertEquals(white, some.whitePsnr(), 1e-12);
        assertTrue(some.summary().endsWith("2 training objects, 1 held-out objects (10 scenes) at 32x32"),
                some.summary());
    }

    @Test
    void aMissingFolderIsRefusedNamingIt(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-set");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SceneData.load(missing, Presets.load("nvs-small"), 0, 0));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }

    @Test
    void sceneRunsStandBesideTable4OfTheirCategory() {
        RunScore ours = new RunScore("nvs", ModelType.LOW_RANK_TRANSINR, SceneData.datasetName("chairs"), 32, 1500,
                8, 40, 14, 21.07, "cpu()");
        RunScore transinr = new RunScore("nvs-transinr", ModelType.TRANSINR, SceneData.datasetName("lamps"), 32,
                1500, 8, 40, 14, 20.29, "cpu()");
        assertEquals("32x32 views, 1500 steps of batch 8, 40 train / 14 held-out objects, cpu()", ours.setting());
        Table t = PaperComparison.of(List.of(ours, transinr), null);
        assertTrue(t.name().contains(PaperResults.SCENE_SCALE), t.name());
        assertEquals(List.of("Table 4 'Ours', ShapeNet Chairs", "Table 4 'TransINR', ShapeNet Lamps"),
                t.stringColumn(4).asList());
        assertEquals(19.30, t.doubleColumn(5).get(0));
        assertEquals(22.89, t.doubleColumn(5).get(1));
        assertEquals(21.07 - 19.30, t.doubleColumn(6).get(0), 1e-9);
    }
}
