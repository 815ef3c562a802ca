package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.data.scene.SceneObject;
import dev.ginr.inr.render.Camera;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline multi-view set builder end to end, with {@link FakeBlender} in place of Blender. */
class OfflineSceneSetTest {

    @TempDir
    Path tmp;
    private Path libraries;
    private Path copyright;
    private Path blender;

    @BeforeEach
    void fixtures() throws IOException {
        libraries = Files.createDirectories(tmp.resolve("furniture"));
        copyright = tmp.resolve("copyright");
        Files.writeString(copyright, "Files: TestLib/*\nCopyright: 2014, Test Authors\nLicense: CC0\n\n"
                + "Files: debian/*\nLicense: CC-BY-3.0\n");
        FakeBlender.writeLibrary(libraries.resolve("TestLib.sh3f"), List.of("chairA", "chairB", "chairC", "lampA", "lampB", "broken",
                "crash", "shifted", "white", "fat"));
        blender = FakeBlender.writeExecutable(tmp.resolve("fake-blender"));
    }

    private OfflineSceneSet.Settings settings(Path out) throws IOException {
        Path script = tmp.resolve("render_object.py");
        Files.writeString(script, "# the fake Blender does not read it\n");
        return new OfflineSceneSet.Settings(out, libraries, copyright, blender, script, 16, 4, 3, 1, 7, 0.34, 2, 0);
    }

    private List<SceneModels.Model> models(String... lines) throws IOException {
        String tsv = "category\tlibrary\tmodel\n" + String.join("\n", lines) + "\n";
        return SceneModels.read(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "test.tsv",
                FurnitureCatalog.readAll(libraries, copyright));
    }

    @Test
    void buildsTheLearnitLayoutWithCheckedPosesManifestAndSplitsByObject() throws Exception {
        Path out = tmp.resolve("scenes");
        List<String> log = new ArrayList<>();
        OfflineSceneSet.Report r = OfflineSceneSet.build(settings(out), models("chairs\tTestLib\t/testlib/chairA/"
                + "chairA.obj", "chairs\tTestLib\t/testlib/chairB/chairB.obj", "chairs\tTestLib\t/testlib/chairC/"
                + "chairC.obj", "lamps\tTestLib\t/testlib/lampA/lampA.obj", "lamps\tTestLib\t/testlib/lampB/lampB.obj"),
                log::add);
        assertEquals(Map.of("chairs", 3, "lamps", 2), r.objects());
        assertEquals(Map.of("chairs", 1, "lamps", 1), r.test());
        SceneFolder chairs = SceneFolder.load(out, "chairs"); // the loader of the ShapeNet renders
        assertEquals(2, chairs.train().size());
        assertEquals(1, chairs.test().size());
        SceneObject a = SceneFolder.load(out, "lamps").train().get(0);
        assertEquals(4, a.views().size()); // 3 training views + 1 query view
        assertEquals(16, a.size());
        List<Camera> planned = OfflineSceneSet.cameras(settings(out), a.id());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(planned.get(k).pose(), a.views().get(k).camera().pose(), 1e-12);
            assertEquals(planned.get(k).focal(), a.views().get(k).camera().focal(), 1e-9);
        }
        List<String> manifest = Files.readAllLines(out.resolve("manifest.tsv"));
        assertEquals(SceneSetFiles.HEADER, manifest.get(0));
        assertEquals(6, manifest.size());
        String[] row = manifest.get(1).split("\t");
        assertEquals(List.of("chairs", "testlib-chaira", "Test chairA", "TestLib", "/testlib/chairA/chairA.obj",
                "Author of chairA", "CC0", "40.0", "90.0", "50.0", "4"), List.of(row[0], row[1], row[3], row[4],
                row[5], row[6], row[7], row[8], row[9], row[10], row[11]));
        assertTrue(Double.parseDouble(row[12]) < 1e-6, "our projection agrees with the renderer's: " + row[12]);
        for (String f : List.of("contact-chairs-1.png", "contact-lamps-1.png", "pose-check.png", "chair_splits.json",
                "lamp_splits.json", "build-settings.txt")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve(".work")), "the work folder is removed");
    }

    @Test
    void aSecondBuildWithTheSameSettingsRendersNothing() throws Exception {
        Path out = tmp.resolve("scenes");
        List<SceneModels.Model> m = models("chairs\tTestLib\t/testlib/chairA/chairA.obj",
                "chairs\tTestLib\t/testlib/chairB/chairB.obj");
        assertFalse(OfflineSceneSet.build(settings(out), m, s -> { }).upToDate());
        OfflineSceneSet.Report again = OfflineSceneSet.build(settings(out), m, s -> { });
        assertTrue(again.upToDate());
        assertEquals(Map.of("chairs", 2), again.objects());
        assertTrue(again.summary().startsWith("up to date: chairs 2 objects (1 held out)"), again.summary());
    }

    @Test
    void modelsBlenderCannotRenderAreLeftOutWithTheReasonAndTheRestIsKept() throws Exception {
        Path out = tmp.resolve("scenes");
        List<String> log = new ArrayList<>();
        OfflineSceneSet.Report r = OfflineSceneSet.build(settings(out), models(
                "chairs\tTestLib\t/testlib/chairA/chairA.obj", "chairs\tTestLib\t/testlib/broken/broken.obj",
                "chairs\tTestLib\t/testlib/crash/crash.obj", "chairs\tTestLib\t/testlib/chairB/chairB.obj",
                "chairs\tTestLib\t/testlib/white/white.obj", "chairs\tTestLib\t/testlib/fat/fat.obj"), log::add);
        assertEquals(Map.of("chairs", 2), r.objects());
        assertEquals("a view is nearly blank over white (0.00% of its pixels visible)", r.skipped().get("testlib-white"));
        assertTrue(r.skipped().get("testlib-fat").startsWith("a silhouette leaves the projected bounding box by "),
                r.skipped().get("testlib-fat"));
        assertEquals("Blender: ValueError: no mesh in broken.obj", r.skipped().get("testlib-broken"));
        assertTrue(r.skipped().get("testlib-crash").startsWith("Blender: Blender exited with status 139"),
                r.skipped().get("testlib-crash"));
        assertTrue(log.stream().anyMatch(l -> l.contains("retrying one by one")), log.toString());
        SceneFolder chairs = SceneFolder.load(out, "chairs");
        List<String> kept = new ArrayList<>();
        chairs.train().forEach(o -> kept.add(o.id()));
        chairs.test().forEach(o -> kept.add(o.id()));
        assertEquals(List.of("testlib-chaira", "testlib-chairb"), kept.stream().sorted().toList());
        assertFalse(Files.exists(out.resolve("chairs/testlib-crash")));
    }

    @Test
    void aProjectionThatDisagreesWithTheRendererStopsTheBuild() throws Exception {
        Path out = tmp.resolve("scenes");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OfflineSceneSet.build(
                settings(out), models("chairs\tTestLib\t/testlib/shifted/shifted.obj"), s -> { }));
        assertEquals("testlib-shifted: our projection differs from Blender's by 0.500 px (allowed 0.010): the pose "
                + "convention is broken", e.getMessage());
        assertFalse(Files.exists(out.resolve("build-settings.txt")), "no finished build is recorded");
        assertFalse(Files.exists(out.resolve("chairs")));
    }

    @Test
    void withoutBlenderTheBuildStopsSayingWhatToInstall() throws Exception {
        OfflineSceneSet.Settings s = settings(tmp.resolve("scenes"));
        OfflineSceneSet.Settings noBlender = new OfflineSceneSet.Settings(s.out(), s.libraries(), s.copyright(),
                tmp.resolve("no-blender"), s.script(), 16, 4, 3, 1, 7, 0.34, 2, 0);
        IOException e = assertThrows(IOException.class, () -> OfflineSceneSet.build(noBlender,
                models("chairs\tTestLib\t/testlib/chairA/chairA.obj"), line -> { }));
        assertTrue(e.getMessage().startsWith("cannot run " + tmp.resolve("no-blender") + " (install Debian's blender "
                + "package)"), e.getMessage());
        assertFalse(Files.exists(s.out().resolve("manifest.tsv")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () ->
                new OfflineSceneSet.Settings(s.out(), s.libraries(), s.copyright(), blender, tmp.resolve("x.py"), 16, 4,
                        3, 1, 7, 0.34, 2, 0));
        assertTrue(bad.getMessage().startsWith("--script = " + tmp.resolve("x.py") + " is invalid"), bad.getMessage());
    }

    @Test
    void theModelListNamesTheLineOfAnythingNotInstalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> models("chairs\tNoSuchLib\t/x/y.obj"));
        assertTrue(e.getMessage().startsWith("test.tsv line 2: library NoSuchLib is not installed; installed: "
                + "[TestLib]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> models("chairs\tTestLib\t/testlib/sofa/sofa.obj"));
        assertEquals("test.tsv line 2: library TestLib has no model /testlib/sofa/sofa.obj", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> models("chairs\tTestLib\t/testlib/chairA/chairA.obj",
                "lamps\tTestLib\t/testlib/chairA/chairA.obj"));
        assertEquals("test.tsv line 3: object testlib-chaira is listed twice", e.getMessage());
    }

    @Test
    void theShippedListResolvesAgainstDebiansLibrariesWhenInstalled() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FurnitureCatalog.DEBIAN_FOLDER),
                "sweethome3d-furniture is not installed");
        List<SceneModels.Model> all = SceneModels.shipped(FurnitureCatalog.readAll(FurnitureCatalog.DEBIAN_FOLDER,
                FurnitureCatalog.DEBIAN_COPYRIGHT));
        assertEquals(92, all.size());
        assertTrue(all.stream().allMatch(m -> m.catalog().licence().startsWith("CC")), "every model is CC0 / CC-BY");
    }

    @Test
    void catalogsGiveAuthorsSizesAndLicencesAndExtractOnlyTheirModelFolder() throws IOException {
        FurnitureCatalog c = FurnitureCatalog.read(libraries.resolve("TestLib.sh3f"), copyright);
        assertEquals("CC0", c.licence());
        FurnitureCatalog.Entry e = c.entry("/testlib/lampB/lampB.obj");
        assertEquals("Author of lampB", e.creator());
        assertArrayEquals(new double[] {40, 90, 50}, e.size(), 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, -1, 0}, e.rotation(), 0);
        Path obj = c.extract("/testlib/lampB/lampB.obj", tmp.resolve("x"));
        assertEquals(List.of("lampB.mtl", "lampB.obj"), Files.list(tmp.resolve("x")).map(p -> p.getFileName()
                .toString()).sorted().toList());
        assertEquals(List.of("v 0 0 0", "v 1 0 0", "v 0 1 0", "f 1 2 3"), Files.readAllLines(obj),
                "the 2-vertex face is dropped");
    }
}
