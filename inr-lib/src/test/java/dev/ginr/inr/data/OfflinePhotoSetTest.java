package dev.ginr.inr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflinePhotoSetTest {

    private static final int PHOTOS = 10;
    private static final int CROPS = 3;

    /**
     * Ten distinct photos, a brighter copy of photo 0 (near-duplicate, own source), photo 1 also shipped at a
     * smaller resolution (folded into one source), a KDE-style wallpaper with two resolutions and one corrupt file.
     */
    private static Path sourceFolder(Path root) throws IOException {
        Path src = root.resolve("photos");
        for (int i = 0; i < PHOTOS; i++) {
            SyntheticPhotos.write(SyntheticPhotos.photo(240, 160, i), src.resolve("p" + i + ".png"));
        }
        SyntheticPhotos.write(SyntheticPhotos.brighter(SyntheticPhotos.photo(240, 160, 0), 3),
                src.resolve("p0-edited.png"));
        SyntheticPhotos.write(SyntheticPhotos.photo(120, 80, 1), src.resolve("p1_120x80.png"));
        SyntheticPhotos.write(SyntheticPhotos.photo(300, 200, 99), src.resolve("Dawn/contents/images/300x200.png"));
        SyntheticPhotos.write(SyntheticPhotos.photo(150, 100, 99), src.resolve("Dawn/contents/images/150x100.png"));
        SyntheticPhotos.write(SyntheticPhotos.photo(60, 40, 98), src.resolve("Dawn/contents/screenshot.png"));
        SyntheticPhotos.corrupt(src.resolve("broken.png"));
        return src;
    }

    private static OfflinePhotoSet.Settings settings(Path out, Path src, long seed) {
        return new OfflinePhotoSet.Settings(out, List.of(16, 32), List.of(src), seed, CROPS, 0.3);
    }

    @Test
    void sameInputsGiveByteIdenticalCropsAndManifest(@TempDir Path tmp) throws IOException {
        Path src = sourceFolder(tmp);
        OfflinePhotoSet.build(settings(tmp.resolve("a"), src, 7));
        OfflinePhotoSet.build(settings(tmp.resolve("b"), src, 7));
        List<Path> filesA = relativeFiles(tmp.resolve("a"));
        assertEquals(relativeFiles(tmp.resolve("b")), filesA);
        assertEquals(12 * CROPS * 2 + 2, filesA.size()); // 12 sources x 3 crops x 2 sizes + manifest + settings
        for (Path f : filesA) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    Files.readAllBytes(tmp.resolve("b").resolve(f)), "differs: " + f);
        }
    }

    @Test
    void foldsResolutionsCountsUnreadableAndGroupsNearDuplicates(@TempDir Path tmp) throws IOException {
        OfflinePhotoSet.Report report = OfflinePhotoSet.build(settings(tmp.resolve("out"), sourceFolder(tmp), 1));
        assertEquals(12, report.sources()); // p0..p9, p0-edited, Dawn
        assertEquals(1, report.unreadable());
        assertEquals(11, report.groups()); // p0 and p0-edited share a group
        assertTrue(report.summary().contains("skipped 1 unreadable file"), report.summary());
        List<CropManifest.Row> rows = CropManifest.read(tmp.resolve("out/manifest.tsv"));
        Set<Integer> groupsOfP0 = rows.stream().filter(r -> r.sourceId().matches("photos/p0(-edited)?"))
                .map(CropManifest.Row::group).collect(Collectors.toSet());
        assertEquals(1, groupsOfP0.size());
        CropManifest.Row dawn = rows.stream().filter(r -> r.sourceId().equals("photos/Dawn")).findFirst().orElseThrow();
        assertEquals(2, dawn.variants()); // two resolutions; the screenshot preview is not a variant
        assertEquals(300, dawn.sourceWidth()); // the largest resolution is the one cropped
        CropManifest.Row p1 = rows.stream().filter(r -> r.sourceId().equals("photos/p1")).findFirst().orElseThrow();
        assertEquals(2, p1.variants());
        assertEquals(240, p1.sourceWidth());
    }

    @Test
    void noSourceOrGroupContributesToBothSplits(@TempDir Path tmp) throws IOException {
        Path src = sourceFolder(tmp);
        for (long seed = 0; seed < 4; seed++) {
            OfflinePhotoSet.Report report = OfflinePhotoSet.build(settings(tmp.resolve("out" + seed), src, seed));
            List<CropManifest.Row> rows = CropManifest.read(tmp.resolve("out" + seed + "/manifest.tsv"));
            Set<String> trainSources = sources(rows, "train");
            Set<String> testSources = sources(rows, "test");
            assertFalse(testSources.isEmpty());
            assertTrue(disjoint(trainSources, testSources), "seed " + seed);
            Set<Integer> trainGroups = rows.stream().filter(r -> r.split().equals("train"))
                    .map(CropManifest.Row::group).collect(Collectors.toSet());
            assertTrue(rows.stream().filter(r -> r.split().equals("test")).noneMatch(r ->
                    trainGroups.contains(r.group())), "seed " + seed);
            assertEquals(3, report.groups() - trainGroups.size()); // round(11 * 0.3) groups held out
        }
    }

    @Test
    void manifestRecordsFileSourceBoxAndSplit(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        OfflinePhotoSet.Report report = OfflinePhotoSet.build(settings(out, sourceFolder(tmp), 3));
        List<CropManifest.Row> rows = CropManifest.read(out.resolve("manifest.tsv"));
        assertEquals(12 * CROPS * 2, rows.size());
        int train16 = report.crops().get(16)[0];
        assertEquals(train16, rows.stream().filter(r -> r.size() == 16 && r.split().equals("train")).count());
        for (CropManifest.Row r : rows) {
            assertTrue(r.file().startsWith(r.size() + "/" + r.split() + "/"), r.file());
            assertTrue(Files.isRegularFile(out.resolve(r.file())), r.file());
            assertEquals(r.size(), javax.imageio.ImageIO.read(out.resolve(r.file()).toFile()).getWidth());
            assertEquals(0, r.box().side() % r.size());
            assertTrue(r.box().x() >= 0 && r.box().x() + r.box().side() <= r.sourceWidth());
            assertTrue(r.box().y() >= 0 && r.box().y() + r.box().side() <= r.sourceHeight());
            assertTrue(Files.isRegularFile(Path.of(r.source())));
            assertEquals(DebianPackageLicences.NO_PACKAGE, r.packageName());
            assertTrue(r.licence().startsWith("unknown"), r.licence());
            assertEquals(16, r.phash().length());
        }
        // crops of one source are at different places or scales
        long distinctBoxes = rows.stream().filter(r -> r.size() == 32 && r.sourceId().equals("photos/p3"))
                .map(CropManifest.Row::box).distinct().count();
        assertEquals(CROPS, distinctBoxes);
    }

    @Test
    void secondBuildWithSameSettingsIsUpToDateAndChangedSettingsRebuild(@TempDir Path tmp) throws IOException {
        Path src = sourceFolder(tmp);
        Path out = tmp.resolve("out");
        assertFalse(OfflinePhotoSet.build(settings(out, src, 5)).upToDate());
        OfflinePhotoSet.Report again = OfflinePhotoSet.build(settings(out, src, 5));
        assertTrue(again.upToDate());
        assertEquals(12, again.sources());
        OfflinePhotoSet.Report reseeded = OfflinePhotoSet.build(settings(out, src, 6));
        assertFalse(reseeded.upToDate());
        assertEquals(12 * CROPS * 2, CropManifest.read(out.resolve("manifest.tsv")).size());
        assertEquals(12 * CROPS * 2 + 2, relativeFiles(out).size()); // old crops removed
    }

    private static Set<String> sources(List<CropManifest.Row> rows, String split) {
        return rows.stream().filter(r -> r.split().equals(split)).map(CropManifest.Row::sourceId)
                .collect(Collectors.toSet());
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.isEmpty();
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
