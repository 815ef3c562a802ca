package dev.ginr.inr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderSplitAndCacheTest {

    private static Path folder(Path tmp, int n) throws IOException {
        Path dir = tmp.resolve("imgs");
        for (int i = 0; i < n; i++) {
            SyntheticPhotos.write(SyntheticPhotos.photo(40, 30, i), dir.resolve((i % 2 == 0 ? "a/" : "b/") + i + ".png"));
        }
        SyntheticPhotos.corrupt(dir.resolve("a/zz-corrupt.jpg"));
        return dir;
    }

    @Test
    void splitByRatioIsSeededDisjointAndComplete(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp, 10);
        TrainTestSplit<Path> s = ImageFolder.splitByRatio(dir, 0.3, 42);
        assertEquals(3, s.test().size()); // 11 files (one corrupt) * 0.3 = 3.3 -> 3
        assertEquals(8, s.train().size());
        Set<Path> both = new HashSet<>(s.train());
        both.retainAll(s.test());
        assertTrue(both.isEmpty());
        List<Path> all = new ArrayList<>(s.train());
        all.addAll(s.test());
        assertEquals(new HashSet<>(ImageFolder.list(dir)), new HashSet<>(all));
        assertEquals(s, ImageFolder.splitByRatio(dir, 0.3, 42));
        List<TrainTestSplit<Path>> others = new ArrayList<>();
        for (long seed = 0; seed < 5; seed++) {
            others.add(ImageFolder.splitByRatio(dir, 0.3, seed));
        }
        assertTrue(others.stream().map(TrainTestSplit::test).distinct().count() > 1);
    }

    @Test
    void splitByListPutsListedFilesInTest(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp, 6);
        Path list = Files.writeString(tmp.resolve("test.txt"), "# held out\na/0.png\n\nb/3.png\n");
        TrainTestSplit<Path> s = ImageFolder.splitByList(dir, list);
        assertEquals(List.of(dir.resolve("a/0.png"), dir.resolve("b/3.png")), s.test());
        assertEquals(5, s.train().size()); // 6 images + 1 corrupt file - 2 held out
        ImageFolder.Split loaded = ImageFolder.load(s, 16);
        assertEquals(4, loaded.train().files().size());
        assertEquals("read 4 images, skipped 1 unreadable file", loaded.train().summary());
        assertEquals(2, loaded.test().images().count());
    }

    @Test
    void splitByListNamesAFileThatIsNotThere(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp, 2);
        Path list = Files.writeString(tmp.resolve("test.txt"), "a/0.png\nmissing.png\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.splitByList(dir, list));
        assertTrue(e.getMessage().contains("line 2 names missing.png"), e.getMessage());
    }

    @Test
    void cacheRoundTripGivesEqualValuesAndIsReused(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp, 5);
        Path cache = tmp.resolve("cache");
        ImageFolder fresh = ImageFolder.load(dir, 24);
        ImageFolder first = ImageFolder.load(dir, 24, Integer.MAX_VALUE, cache);
        List<Path> cacheFiles = list(cache);
        assertEquals(1, cacheFiles.size());
        long written = Files.getLastModifiedTime(cacheFiles.get(0)).toMillis();
        ImageFolder second = ImageFolder.load(dir, 24, Integer.MAX_VALUE, cache);
        assertEquals(written, Files.getLastModifiedTime(cacheFiles.get(0)).toMillis()); // read, not rewritten
        for (ImageFolder f : List.of(first, second)) {
            assertArrayEquals(fresh.images().values(), f.images().values());
            assertEquals(fresh.files(), f.files());
            assertEquals(fresh.skipped(), f.skipped());
            assertEquals("read 5 images, skipped 1 unreadable file", f.summary());
        }
        assertEquals(5 * 24 * 24 * 3, second.images().values().length);
    }

    @Test
    void cacheKeyChangesWithSizeOrModifiedFile(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp, 3);
        List<Path> files = ImageFolder.list(dir);
        String key = ImageFolderCache.key(files, 24, 10);
        assertEquals(key, ImageFolderCache.key(files, 24, 10));
        assertNotEquals(key, ImageFolderCache.key(files, 32, 10));
        Files.setLastModifiedTime(files.get(0), FileTime.fromMillis(1_000_000));
        assertNotEquals(key, ImageFolderCache.key(files, 24, 10));
    }

    @Test
    void damagedCacheFileIsIgnoredAndRewritten(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp, 3);
        Path cache = tmp.resolve("cache");
        ImageFolder first = ImageFolder.load(dir, 16, Integer.MAX_VALUE, cache);
        Path file = list(cache).get(0);
        long length = Files.size(file);
        Files.write(file, new byte[] {1, 2, 3});
        ImageFolder again = ImageFolder.load(dir, 16, Integer.MAX_VALUE, cache);
        assertArrayEquals(first.images().values(), again.images().values());
        assertEquals(length, Files.size(file));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
