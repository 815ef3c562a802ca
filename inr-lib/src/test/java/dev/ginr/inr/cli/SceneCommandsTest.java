package dev.ginr.inr.cli;

import dev.ginr.inr.data.scene.SceneFixture;
import ai.djl.pytorch.jni.JniUtils;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ginr.inr.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ginr train / eval / reconstruct} on a multi-view scene folder (the nvs-small preset), and its bad input. */
class SceneCommandsTest {

    /** Three training and one held-out object of 8 views of 64 x 64 (loaded at 32 x 32 by nvs-small). */
    private static Path scenes(Path root) throws Exception {
        SceneFixture.write(root, "chairs", List.of("t1", "t2", "t3"), List.of("h1"), 8, 64);
        return root;
    }

    /** One engine thread: on a busy 2-core machine two OpenMP threads make these small steps many times slower. */
    @BeforeAll
    static void oneThread() {
        GinrEngine.engine();
        JniUtils.setNumThreads(1);
    }

    /** nvs-small with one held-out scene per object, so that each evaluation renders one scene. */
    private static Path oneScenePerObject(Path tmp) throws Exception {
        return Files.writeString(tmp.resolve("small.yaml"), "dataset:\n  val_config:\n    repeat: 1\n");
    }

    @Test
    void trainsResumesEvaluatesAndRendersNovelViewsOfHeldOutScenes(@TempDir Path tmp) throws Exception {
        Path data = scenes(tmp.resolve("data"));
        Path runDir = tmp.resolve("run");
        String config = oneScenePerObject(tmp).toString();
        TrainCommandTest.Run train = run("train", "--preset", "nvs-small", "--config", config, "--data",
                data.toString(), "--steps", "2", "--out", runDir.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("3 training objects, 1 held-out objects (1 scenes) at 32x32"), train.out());
        assertTrue(train.out().contains("low_rank_modulated_transinr") && train.out().contains("all-white"),
                train.out());
        assertTrue(Files.exists(runDir.resolve("checkpoint.safetensors")));

        TrainCommandTest.Run resumed = run("train", "--preset", "nvs-small", "--config", config, "--data",
                data.toString(), "--steps", "3", "--out", runDir.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("3/3") && !resumed.out().contains(" 1/3 "), resumed.out()); // from step 2

        TrainCommandTest.Run eval = run("eval", "--checkpoint", runDir.toString(), "--data", data.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().matches("(?s).*all-white.*\\|\\s+1\\s+\\|\\s+\\d+\\.\\d\\d\\s+\\|.*"), eval.out());

        Path png = tmp.resolve("png");
        TrainCommandTest.Run recon = run("reconstruct", "--checkpoint", runDir.toString(), "--data", data.toString(),
                "--out", png.toString(), "--upsample", "2", "--limit", "1");
        assertEquals(0, recon.code(), recon.err());
        BufferedImage rendered = ImageIO.read(png.resolve("scene-000-h1-rendered.png").toFile());
        assertEquals(64, rendered.getWidth()); // one query view, rendered at 2 x 32
        assertEquals(64, rendered.getHeight());
        BufferedImage turntable = ImageIO.read(png.resolve("scene-000-h1-turntable.png").toFile());
        assertEquals(12 * 64, turntable.getWidth());
        assertEquals(32, ImageIO.read(png.resolve("scene-000-h1-support.png").toFile()).getWidth());
        assertEquals(32, ImageIO.read(png.resolve("scene-000-h1-query.png").toFile()).getWidth());
    }

    @Test
    void badSceneFoldersAreRefusedNamingTheFileAndNothingIsTrained(@TempDir Path tmp) throws Exception {
        Path few = tmp.resolve("few");
        SceneFixture.write(few, "chairs", List.of("t1"), List.of("h1"), 8, 64);
        SceneFixture.writeObject(few.resolve("chairs/t1"), 3, 1, 64); // one view; a scene needs 1 support + 1 query
        assertRefused(tmp, few, "chairs/t1/transforms.json: has 1 views");

        Path malformed = tmp.resolve("malformed");
        scenes(malformed);
        Files.writeString(malformed.resolve("chairs/t2/transforms.json"), "{\"frames\": [");
        assertRefused(tmp, malformed, "chairs/t2/transforms.json: is not valid JSON");

        Path resized = tmp.resolve("resized");
        scenes(resized);
        ImageIO.write(new BufferedImage(48, 48, BufferedImage.TYPE_INT_ARGB), "png",
                resized.resolve("chairs/h1/r_3.png").toFile());
        assertRefused(tmp, resized, "r_3.png");

        Path missing = tmp.resolve("missing");
        scenes(missing);
        Files.delete(missing.resolve("chairs/t3/transforms.json"));
        assertRefused(tmp, missing, "chairs/t3/transforms.json: is missing");
    }

    private static void assertRefused(Path tmp, Path data, String expected) {
        Path runDir = tmp.resolve("run-" + data.getFileName());
        TrainCommandTest.Run train = run("train", "--preset", "nvs-small", "--data", data.toString(), "--steps", "2",
                "--out", runDir.toString());
        assertEquals(1, train.code(), train.out() + train.err());
        assertTrue(train.err().contains(expected), train.err());
        assertEquals(1, train.err().strip().lines().count(), train.err());
        assertFalse(Files.exists(runDir.resolve("checkpoint.safetensors")));
    }
}
