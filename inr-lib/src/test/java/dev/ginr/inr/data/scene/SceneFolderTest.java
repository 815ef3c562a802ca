package dev.ginr.inr.data.scene;

import dev.ginr.inr.render.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SceneFolderTest {

    @TempDir
    Path root;

    @Test
    void readsTheLearnitLayoutSplitByObjectAndSkipsListedObjectsWithoutFolders() throws IOException {
        SceneFixture.write(root, "chairs", List.of("a1", "a2", "a3"), List.of("b1"), 6, 16);
        Files.writeString(root.resolve("chair_splits.json"),
                "{\"train\": [\"a1\", \"a2\", \"a3\", \"gone\"], \"test\": [\"b1\"], \"val\": [\"a1\"]}");
        SceneFolder f = SceneFolder.load(root, "chairs");
        assertEquals(List.of("a1", "a2", "a3"), f.train().stream().map(SceneObject::id).toList());
        assertEquals(List.of("b1"), f.test().stream().map(SceneObject::id).toList());
        assertEquals(List.of("gone"), f.missing());
        SceneObject a2 = f.train().get(1);
        assertEquals(6, a2.views().size());
        assertEquals(16, a2.size());
        assertEquals(root.resolve("chairs/a2/r_4.png"), a2.views().get(4).image());
        assertEquals(16 * 1.2, a2.views().get(4).camera().focal(), 1e-9); // via camera_angle_x
        assertEquals("car_splits.json", SceneFolder.splitsFileName("cars"));
        assertEquals("lamp_splits.json", SceneFolder.splitsFileName("lamps"));
    }

    @Test
    void readsAHandWrittenTransformsFileAsTheReferenceDoes() throws IOException {
        Path obj = root.resolve("cars/c1");
        Files.createDirectories(obj);
        ImageIO.write(SceneFixture.view(8, 0, 0), "png", obj.resolve("r_0.png").toFile());
        Files.writeString(obj.resolve("transforms.json"), """
                {"camera_angle_x": 0.6911112070083618,
                 "frames": [{"file_path": "./train/r_0", "rotation": 0.012,
                             "transform_matrix": [[1, 0, 0, 0], [0, 0, -1, -4], [0, 1, 0, 1], [0, 0, 0, 1]]}]}
                """);
        SceneObject o = TransformsFile.read("c1", obj);
        Camera c = o.views().get(0).camera();
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, -1, -4, 0, 1, 0, 1}, c.pose(), 0);
        assertEquals(0.5 * 8 / Math.tan(0.5 * 0.6911112070083618), c.focal(), 1e-12);
        assertEquals(obj.resolve("r_0.png"), o.views().get(0).image()); // base name of file_path plus .png
    }

    @Test
    void missingOrMalformedPoseFilesAreNamed() throws IOException {
        SceneFixture.write(root, "chairs", List.of("a1", "a2"), List.of("b1"), 4, 8);
        Path poses = root.resolve("chairs/a2/transforms.json");
        String good = Files.readString(poses);

        Files.delete(poses);
        assertProblem(poses, "is missing");

        Files.writeString(poses, good.substring(0, good.length() / 2));
        assertProblem(poses, "is not valid JSON");

        Files.writeString(poses, good.replaceFirst("\"camera_angle_x\": [0-9.]+", "\"camera_angle_x\": \"wide\""));
        assertProblem(poses, "camera_angle_x is missing or not a number");

        String shortRow = good.replaceFirst("(\"transform_matrix\": \\[\\s*\\[[^]]*],\\s*\\[)\\s*[-0-9.eE]+,", "$1");
        Files.writeString(poses, shortRow);
        assertProblem(poses, "frames[0].transform_matrix[1] is not a row of 4 numbers");

        Files.writeString(poses, good.replaceFirst("\"w\": 8", "\"w\": 0"));
        assertProblem(poses, "w = 0 is invalid");

        Files.writeString(poses, good.replace("\"./r_3\"", "\"./r_9\""));
        assertProblem(root.resolve("chairs/a2/r_9.png"), "is missing");
    }

    @Test
    void aPoseThatIsNotARotationIsRefused() throws IOException {
        Path obj = root.resolve("lamps/l1");
        Files.createDirectories(obj);
        ImageIO.write(SceneFixture.view(8, 0, 0), "png", obj.resolve("r_0.png").toFile());
        Files.writeString(obj.resolve("transforms.json"), """
                {"camera_angle_x": 0.7, "frames": [{"file_path": "./r_0",
                  "transform_matrix": [[2, 0, 0, 0], [0, 0, -1, -4], [0, 1, 0, 1], [0, 0, 0, 1]]}]}""");
        SceneDataException e = assertThrows(SceneDataException.class, () -> TransformsFile.read("l1", obj));
        assertTrue(e.getMessage().contains("frames[0].transform_matrix has a rotation that is not orthonormal"),
                e.getMessage());
        Files.writeString(obj.resolve("transforms.json"), """
                {"camera_angle_x": 0.7, "frames": [{"file_path": "./r_0",
                  "transform_matrix": [[1, 0, 0, 0], [0, 0, -1, -4], [0, 1, 0, 1], [0, 0, 1, 1]]}]}""");
        e = assertThrows(SceneDataException.class, () -> TransformsFile.read("l1", obj));
        assertTrue(e.getMessage().contains("has last row [0.0, 0.0, 1.0, 1.0]; allowed: [0, 0, 0, 1]"),
                e.getMessage());
    }

    @Test
    void aViewWhoseImageSizeDiffersFromItsCameraIsNamed() throws IOException {
        SceneFixture.write(root, "chairs", List.of("a1"), List.of("b1"), 4, 16);
        Path odd = root.resolve("chairs/b1/r_2.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB), "png", odd.toFile());
        SceneDataException e = assertThrows(SceneDataException.class, () -> SceneFolder.load(root, "chairs"));
        assertEquals(odd, e.file());
        assertTrue(e.getMessage().contains("is 32 x 32 pixels but its camera in " + odd.resolveSibling(
                "transforms.json") + " is 16 x 16"), e.getMessage());

        Files.writeString(odd.resolveSibling("transforms.json"),
                Files.readString(odd.resolveSibling("transforms.json")).replaceAll("\"[wh]\": 16,?", ""));
        e = assertThrows(SceneDataException.class, () -> SceneFolder.load(root, "chairs"));
        assertTrue(e.getMessage().contains("r_2.png: is 32 x 32 pixels but the views of one object share a camera "
                + "size: r_0.png is 16 x 16"), e.getMessage());

        Files.writeString(odd, "not a png");
        e = assertThrows(SceneDataException.class, () -> SceneFolder.load(root, "chairs"));
        assertTrue(e.getMessage().endsWith("r_2.png: is not a PNG image (the views of a scene are PNG files)"),
                e.getMessage());
    }

    @Test
    void anObjectWithFewerViewsThanASceneNeedsIsNamed() throws IOException {
        SceneFixture.write(root, "chairs", List.of("a1"), List.of("b1"), 30, 8);
        SceneFixture.writeObject(root.resolve("chairs/b1"), 9, 3, 8);
        SceneFolder f = SceneFolder.load(root, "chairs");
        f.requireViews(3, 0, 25);
        SceneDataException e = assertThrows(SceneDataException.class, () -> f.requireViews(4, 0, 25));
        assertEquals(root.resolve("chairs/b1/transforms.json"), e.file());
        assertTrue(e.getMessage().contains("has 3 views but a scene needs 4 (support + query views)"), e.getMessage());
        e = assertThrows(SceneDataException.class, () -> f.requireViews(3, 24, 25));
        assertTrue(e.getMessage().contains("a1/transforms.json: has 1 views in the training range [24, 25)"),
                e.getMessage());
        e = assertThrows(SceneDataException.class, () -> SceneEpisode.draw(f.test().get(0),
                new java.util.SplittableRandom(1), 3, 1, 0, 50, 8));
        assertTrue(e.getMessage().contains("b1/transforms.json: has 3 views in [0, 50) but a scene needs 4 (3 support "
                + "+ 1 query views)"), e.getMessage());
    }

    @Test
    void splitFilesAreCheckedAndSplitByObject() throws IOException {
        SceneFixture.write(root, "chairs", List.of("a1"), List.of("b1"), 2, 8);
        Path splits = root.resolve("chair_splits.json");
        Files.writeString(splits, "{\"train\": [\"a1\", \"b1\"], \"test\": [\"b1\"]}");
        assertProblem(splits, "lists objects in both train and test: [b1]");
        Files.writeString(splits, "{\"train\": [\"../../etc\"], \"test\": []}");
        SceneDataException e = assertThrows(SceneDataException.class, () -> SceneFolder.load(root, "chairs"));
        assertTrue(e.getMessage().contains("is not an object folder inside"), e.getMessage());
        Files.delete(splits);
        assertProblem(splits, "is missing; it lists the \"train\" and \"test\" objects");
        e = assertThrows(SceneDataException.class, () -> SceneFolder.load(root, "lamps"));
        assertTrue(e.getMessage().contains("lamps: is missing; expected ROOT/<category>/<object>/transforms.json "
                + "with categories [chairs]"), e.getMessage());
    }

    private void assertProblem(Path file, String problem) {
        SceneDataException e = assertThrows(SceneDataException.class, () -> SceneFolder.load(root, "chairs"));
        assertEquals(file, e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": " + problem), e.getMessage());
    }
}
