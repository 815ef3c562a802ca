package dev.ginr.inr.data.scene;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.render.Rays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SceneEpisodeTest {

    @TempDir
    Path root;

    @Test
    void viewsAreCompositedOverWhiteAndDownsampledWithTheirCameras() throws IOException {
        SceneFixture.write(root, "chairs", List.of("a1"), List.of(), 2, 8);
        SceneObject o = SceneFolder.load(root, "chairs").train().get(0);
        ViewImages full = ViewImages.load(o, new int[] {1}, 8);
        float[] px = full.view(0);
        // row 0 is red at alpha 128/255: red 1 a + (1 - a) = 1, green and blue 0 a + (1 - a)
        float a = 128 / 255f;
        assertArrayEquals(new float[] {1, 1 - a, 1 - a}, new float[] {px[0], px[1], px[2]}, 1e-6f);
        // (1, 1) is transparent: white; (2, 2) is the opaque square, colour (11, 0x40, 0x80)
        assertArrayEquals(new float[] {1, 1, 1}, new float[] {px[27], px[28], px[29]}, 0f);
        int c = (2 * 8 + 2) * 3;
        assertArrayEquals(new float[] {11 / 255f, 64 / 255f, 128 / 255f}, new float[] {px[c], px[c + 1], px[c + 2]},
                1e-6f);
        ViewImages half = ViewImages.load(o, new int[] {1}, 4);
        float[] h = half.view(0);
        // new pixel (1, 1) averages old (2..3, 2..3): all inside the square
        assertEquals(64 / 255f, h[(4 + 1) * 3 + 1], 1e-6f);
        // new pixel (0, 0) averages the red row's two pixels and two white ones
        assertEquals((2 * (1 - a) + 2) / 4, h[1], 1e-6f);
        assertEquals(o.views().get(1).camera().downsampled(2), half.cameras().get(0));
        SceneDataException e = assertThrows(SceneDataException.class, () -> ViewImages.load(o, new int[] {0}, 3));
        assertTrue(e.getMessage().contains("views of 8 x 8 cannot be loaded at 3 x 3; allowed: a divisor of 8"),
                e.getMessage());
    }

    @Test
    void episodesDrawDistinctSeededViewsFromTheRange() throws IOException {
        SceneFixture.write(root, "chairs", List.of("a1"), List.of(), 30, 8);
        SceneObject o = SceneFolder.load(root, "chairs").train().get(0);
        Set<Camera> seenSupport = new HashSet<>();
        for (int trial = 0; trial < 20; trial++) {
            SceneEpisode e = SceneEpisode.draw(o, new SplittableRandom(trial), 3, 2, 0, 25, 8);
            SceneEpisode again = SceneEpisode.draw(o, new SplittableRandom(trial), 3, 2, 0, 25, 8);
            assertEquals(e.support().cameras(), again.support().cameras());
            Set<Camera> drawn = new HashSet<>(e.support().cameras());
            drawn.addAll(e.query().cameras());
            assertEquals(5, drawn.size(), "support and query views are distinct");
            for (Camera c : drawn) {
                int index = o.views().stream().map(SceneView::camera).toList().indexOf(c);
                assertTrue(index >= 0 && index < 25, "view " + index + " outside [0, 25)");
            }
            seenSupport.addAll(e.support().cameras());
        }
        assertTrue(seenSupport.size() > 15, "draws vary with the seed: " + seenSupport.size());
        assertNotEquals(SceneEpisode.draw(o, new SplittableRandom(1), 1, 1, 0, 25, 8).support().cameras(),
                SceneEpisode.draw(o, new SplittableRandom(2), 1, 1, 0, 25, 8).support().cameras());
    }

    @Test
    void batchesHoldImagesPosesAndTheQueryRaysOfEveryPixel() throws IOException {
        SceneFixture.write(root, "cars", List.of("a1", "a2"), List.of(), 5, 8);
        SceneFolder f = SceneFolder.load(root, "cars");
        SplittableRandom r = new SplittableRandom(3);
        List<SceneEpisode> episodes = List.of(SceneEpisode.draw(f.train().get(0), r, 2, 1, 0, 5, 8),
                SceneEpisode.draw(f.train().get(1), r, 2, 1, 0, 5, 8));
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            SceneBatch b = SceneBatch.upload(m, episodes, new HostStaging());
            assertEquals(new Shape(2, 2, 64, 3), b.supportImages().getShape());
            assertEquals(new Shape(2, 2, 3, 4), b.supportPoses().getShape());
            assertEquals(new Shape(2, 2), b.supportFocals().getShape());
            assertEquals(new Shape(2, 64, 3), b.queryTargets().getShape());
            assertArrayEquals(episodes.get(1).support().view(1), b.supportImages().get("1, 1").toFloatArray(), 0f);
            Rays rays = b.queryRays();
            assertEquals(new Shape(2, 64, 3), rays.directions().getShape());
            Camera q = episodes.get(1).query().cameras().get(0);
            double[] want = q.rayDirection(5, 3);
            float[] got = rays.directions().get("1, {}", 3 * 8 + 5).toFloatArray();
            for (int k = 0; k < 3; k++) {
                assertEquals(want[k], got[k], 1e-5);
            }
            assertEquals(episodes.get(1).query().view(0)[3 * (3 * 8 + 5)], b.queryTargets().getFloat(1, 29, 0));
        }
    }
}
