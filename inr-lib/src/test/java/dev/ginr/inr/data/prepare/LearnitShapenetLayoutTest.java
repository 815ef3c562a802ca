package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.scene.SceneDataException;
import dev.ginr.inr.data.scene.SceneFixture;
import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.data.scene.SceneObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnitShapenetLayoutTest {

    @TempDir
    Path tmp;

    /** An extraction as the release unpacks: synset-id folders next to the split files, one level down. */
    private Path extraction() throws IOException {
        Path ex = tmp.resolve("extracted");
        Path staging = tmp.resolve("staging");
        SceneFixture.write(staging, "chairs", List.of("c1", "c2"), List.of("c3"), 3, 8);
        SceneFixture.write(staging, "cars", List.of("k1"), List.of("k2"), 3, 8);
        Files.createDirectories(ex.resolve("shapenet"));
        Files.move(staging.resolve("chairs"), ex.resolve("shapenet/03001627"));
        Files.move(staging.resolve("cars"), ex.resolve("shapenet/02958343"));
        Files.move(staging.resolve("chair_splits.json"), ex.resolve("shapenet/chair_splits.json"));
        Files.move(staging.resolve("car_splits.json"), ex.resolve("car_splits.json"));
        return ex;
    }

    @Test
    void anExtractedReleaseBecomesTheLayoutTheSceneLoaderReads() throws IOException {
        Path root = tmp.resolve("learnit_shapenet");
        LearnitShapenetLayout.Prepared p = LearnitShapenetLayout.prepare(extraction(), root);
        assertEquals(Map.of("cars", 2, "chairs", 3), p.objects());
        SceneFolder chairs = SceneFolder.load(root, "chairs");
        assertEquals(List.of("c1", "c2"), chairs.train().stream().map(SceneObject::id).toList());
        assertEquals(List.of("c3"), chairs.test().stream().map(SceneObject::id).toList());
        assertEquals(3, chairs.test().get(0).views().size());
        assertEquals(List.of("k2"), SceneFolder.load(root, "cars").test().stream().map(SceneObject::id).toList());
        assertFalse(Files.exists(root.resolve("lamps")), "a category not in the extraction is left out");
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(List.of("car_splits.json", "cars", "chair_splits.json", "chairs"),
                    s.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void aSecondPreparationRefusesToOverwriteAndChangesNothing() throws IOException {
        Path root = tmp.resolve("learnit_shapenet");
        Path ex = extraction();
        Files.createDirectories(root.resolve("cars"));
        SceneDataException e = assertThrows(SceneDataException.class, () -> LearnitShapenetLayout.prepare(ex, root));
        assertTrue(e.getMessage().startsWith(root.resolve("cars") + ": already exists; remove it"), e.getMessage());
        assertTrue(Files.isDirectory(ex.resolve("shapenet/03001627/c1")), "the extraction is untouched");
        assertFalse(Files.exists(root.resolve("chairs")), "nothing was moved");
    }

    @Test
    void aMissingSplitFileOrPoseFileIsNamedBeforeAnythingMoves() throws IOException {
        Path root = tmp.resolve("learnit_shapenet");
        Path ex = extraction();
        Files.delete(ex.resolve("car_splits.json"));
        SceneDataException e = assertThrows(SceneDataException.class, () -> LearnitShapenetLayout.prepare(ex, root));
        assertEquals(ex.resolve("car_splits.json"), e.file());
        assertTrue(e.getMessage().contains("is missing: the cars renders come with their split file"),
                e.getMessage());
        Files.writeString(ex.resolve("car_splits.json"), "{\"train\": [\"k1\"], \"test\": [\"k2\"]}");
        Files.delete(ex.resolve("shapenet/03001627/c2/transforms.json"));
        e = assertThrows(SceneDataException.class, () -> LearnitShapenetLayout.prepare(ex, root));
        assertEquals(ex.resolve("shapenet/03001627/c2/transforms.json"), e.file());
        assertFalse(Files.exists(root.resolve("cars")), "no category moves while another is broken");
    }

    @Test
    void anExtractionWithoutCategoriesSaysWhatItLooksFor() throws IOException {
        Files.createDirectories(tmp.resolve("empty/other"));
        SceneDataException e = assertThrows(SceneDataException.class,
                () -> LearnitShapenetLayout.prepare(tmp.resolve("empty"), tmp.resolve("root")));
        assertTrue(e.getMessage().contains("holds no ShapeNet category folder (02958343 or cars, 03001627 or chairs, "
                + "03636649 or lamps)"), e.getMessage());
    }
}
