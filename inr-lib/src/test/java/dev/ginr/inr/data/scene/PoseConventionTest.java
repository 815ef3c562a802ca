package dev.ginr.inr.data.scene;

import dev.ginr.inr.TestData;
import dev.ginr.inr.data.prepare.FakeBlender;
import dev.ginr.inr.data.prepare.FurnitureCatalog;
import dev.ginr.inr.data.prepare.OfflineSceneSet;
import dev.ginr.inr.data.prepare.SceneModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pose convention end to end: a visual hull carved from the silhouettes of the 25 training views, with our
 * cameras, and volume-rendered into a held-out view with our rays, sampler and compositing, must cover what the
 * renderer drew there; misreading the poses (rotation transposed, or OpenCV's y-down / z-forward axes) must not.
 */
class PoseConventionTest {

    private static final List<Integer> TRAINING_VIEWS = IntStream.range(0, 25).boxed().toList();

    @TempDir
    Path tmp;

    @Test
    void heldOutViewsOfAStandInRenderAreCoveredByTheCarvedHull() throws Exception {
        Path libraries = Files.createDirectories(tmp.resolve("furniture"));
        FakeBlender.writeLibrary(libraries.resolve("TestLib.sh3f"), List.of("chairA"));
        Path script = Files.writeString(tmp.resolve("render_object.py"), "# unused\n");
        OfflineSceneSet.Settings s = new OfflineSceneSet.Settings(tmp.resolve("set"), libraries,
                tmp.resolve("none"), FakeBlender.writeExecutable(tmp.resolve("blender")), script, 32, 1, 25, 2, 3,
                0.1, 1, 0);
        String tsv = "category\tlibrary\tmodel\nchairs\tTestLib\t/testlib/chairA/chairA.obj\n";
        OfflineSceneSet.build(s, SceneModels.read(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)),
                "test.tsv", FurnitureCatalog.readAll(libraries, tmp.resolve("none"))), line -> { });
        SceneObject cube = SceneFolder.load(tmp.resolve("set"), "chairs").train().get(0);
        for (int query : List.of(25, 26)) {
            double iou = VisualHull.iou(cube, TRAINING_VIEWS, query, UnaryOperator.identity());
            assertTrue(iou > 0.85, "hull of the cube vs view " + query + ": IoU " + iou);
        }
        assertEquals(0, VisualHull.iou(cube, TRAINING_VIEWS, 25, VisualHull::transposed), 0.05);
        assertEquals(0, VisualHull.iou(cube, TRAINING_VIEWS, 25, VisualHull::upsideDown), 0.05);
    }

    @Test
    void heldOutViewsOfTheBlenderRendersAreCoveredByTheCarvedHull() throws Exception {
        Path root = TestData.repoRoot().resolve("data/offline-scenes");
        Assumptions.assumeTrue(Files.isRegularFile(root.resolve("manifest.tsv")),
                "the offline multi-view set is not built (data-scripts/build-offline-scenes.sh)");
        List<Double> ious = new ArrayList<>();
        for (String category : List.of("chairs", "lamps", "cars")) {
            for (SceneObject o : SceneFolder.load(root, category).test()) {
                double iou = VisualHull.iou(o, TRAINING_VIEWS, 25, UnaryOperator.identity());
                assertTrue(iou > 0.6, o.id() + ": IoU " + iou);
                ious.add(iou);
            }
        }
        double mean = ious.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(ious.size() >= 20 && mean > 0.8, ious.size() + " held-out objects, mean IoU " + mean);
        SceneObject first = SceneFolder.load(root, "chairs").test().get(0);
        assertEquals(0, VisualHull.iou(first, TRAINING_VIEWS, 25, VisualHull::transposed), 0.05);
        assertEquals(0, VisualHull.iou(first, TRAINING_VIEWS, 25, VisualHull::upsideDown), 0.05);
    }
}
