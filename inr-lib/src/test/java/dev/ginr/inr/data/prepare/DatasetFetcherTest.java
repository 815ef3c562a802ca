package dev.ginr.inr.data.prepare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every dataset of the catalog, fetched from fixtures on a loopback server: the good path and every failure. */
class DatasetFetcherTest {

    private static final DiskSpace PLENTY = dir -> Long.MAX_VALUE;

    static List<String> datasets() {
        return DatasetFixtures.NAMES;
    }

    static Stream<String> datasetsWithArchives() {
        return DatasetFixtures.NAMES.stream().filter(n -> !n.equals("ffhq"));
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void goodFilesBecomeThePreparedLayout(String name, @TempDir Path root) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            DatasetFixtures.Fixture f = DatasetFixtures.of(name, server, DatasetFixtures.Variant.GOOD);
            Path prepared = fetcher(PLENTY).fetch(f.dataset(), options(root), PreparationListener.NONE);
            assertEquals(root.resolve(name), prepared);
            List<String> files = DatasetFixtures.filesBelow(prepared);
            for (String e : f.expected()) {
                assertTrue(files.contains(e), e + " missing from " + files);
            }
            for (String a : f.absent()) {
                assertFalse(files.contains(a), a + " should not be prepared: " + files);
            }
            for (String png : files.stream().filter(p -> p.startsWith("train/") || p.startsWith("test/")).toList()) {
                BufferedImage img = ImageIO.read(prepared.resolve(png).toFile());
                assertEquals(DatasetCatalog.IMAGE_SIZE, img.getWidth(), png);
                assertEquals(DatasetCatalog.IMAGE_SIZE, img.getHeight(), png);
            }
            assertTrue(Files.readString(prepared.resolve(DatasetFetcher.PREPARED)).contains("fixture"));
            assertEquals(List.of(), staging(root));
            int requests = server.requests.size();
            fetcher(PLENTY).fetch(f.dataset(), options(root), PreparationListener.NONE); // already prepared
            assertEquals(requests, server.requests.size());
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void checksumMismatchFailsClearlyAndLeavesNothingPrepared(String name, @TempDir Path root) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            DatasetFixtures.Fixture f = DatasetFixtures.of(name, server, DatasetFixtures.Variant.GOOD);
            byte[] other = "not the published file".getBytes();
            server.serve(f.main(), other);
            Dataset d = f.dataset().withFiles(f.dataset().files().stream().map(r -> r.name().equals(f.main())
                    ? new RemoteFile(r.name(), r.url(), other.length, true, r.checksum(), null) : r).toList(),
                    f.dataset().index());
            PreparationException e = assertThrows(PreparationException.class,
                    () -> fetcher(PLENTY).fetch(d, options(root), PreparationListener.NONE));
            assertTrue(e.getMessage().startsWith("checksum mismatch for " + f.main() + ": expected "), e.getMessage());
            assertTrue(e.getMessage().contains(FixtureArchives.digest(r(d, f.main()).checksum().algorithm(), other)),
                    e.getMessage());
            assertNothingPrepared(root, name);
            assertFalse(Files.exists(root.resolve("downloads/" + name + "/" + f.main())), "the bad file was kept");
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void anInterruptedDownloadResumesWithARangeRequest(String name, @TempDir Path root) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            DatasetFixtures.Fixture f = DatasetFixtures.of(name, server, DatasetFixtures.Variant.GOOD);
            int half = (int) r(f.dataset(), f.main()).bytes() / 2;
            server.truncateNextAt(f.main(), half);
            PreparationException e = assertThrows(PreparationException.class,
                    () -> fetcher(PLENTY).fetch(f.dataset(), options(root), PreparationListener.NONE));
            assertTrue(e.getMessage().startsWith("download of " + f.main() + " stopped after ")
                    && e.getMessage().endsWith("run the same command again to resume"), e.getMessage());
            Path part = root.resolve("downloads/" + name + "/" + f.main() + ".part");
            long kept = Files.size(part); // what reached the client before the connection dropped
            assertTrue(kept > 0 && kept <= half, kept + " bytes kept of " + half + " sent");
            assertNothingPrepared(root, name);

            fetcher(PLENTY).fetch(f.dataset(), options(root), PreparationListener.NONE);
            assertTrue(server.requests.contains(new FixtureServer.Request(f.main(), "bytes=" + kept + "-")),
                    server.requests.toString());
            assertTrue(Files.isRegularFile(root.resolve(name).resolve(f.expected().get(0))));
            assertFalse(Files.exists(part));
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void anEntryThatWouldLandOutsideTheTargetIsRefused(String name, @TempDir Path root) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            DatasetFixtures.Fixture f = DatasetFixtures.of(name, server, DatasetFixtures.Variant.ESCAPING_ENTRY);
            PreparationException e = assertThrows(PreparationException.class,
                    () -> fetcher(PLENTY).fetch(f.dataset(), options(root), PreparationListener.NONE));
            assertTrue(e.getMessage().contains("outside the target folder") || e.getMessage().contains(
                    "lacks a usable file_url, file_path"), e.getMessage());
            assertNothingPrepared(root, name);
            try (Stream<Path> s = Files.walk(root.getParent())) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("escaped")).toList());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("datasetsWithArchives")
    void aSymlinkEntryIsRefused(String name, @TempDir Path root) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            DatasetFixtures.Fixture f = DatasetFixtures.of(name, server, DatasetFixtures.Variant.SYMLINK_ENTRY);
            PreparationException e = assertThrows(PreparationException.class,
                    () -> fetcher(PLENTY).fetch(f.dataset(), options(root), PreparationListener.NONE));
            assertTrue(e.getMessage().contains("holds the link") && e.getMessage().contains("link-out"),
                    e.getMessage());
            assertNothingPrepared(root, name);
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void aDiskSpaceShortfallFailsBeforeAnyDownload(String name, @TempDir Path root) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            DatasetFixtures.Fixture f = DatasetFixtures.of(name, server, DatasetFixtures.Variant.GOOD);
            Dataset big = new Dataset(f.dataset().name(), f.dataset().title(), f.dataset().terms(),
                    f.dataset().files(), f.dataset().index(), 5_000_000, 0, f.dataset().preparation());
            PreparationException e = assertThrows(PreparationException.class,
                    () -> fetcher(dir -> 1_000_000).fetch(big, options(root), PreparationListener.NONE));
            assertTrue(e.getMessage().startsWith(name + " needs about ") && e.getMessage().contains(
                    "but only 1.0 MB is free"), e.getMessage());
            assertEquals(List.of(), server.requests);
            assertNothingPrepared(root, name);
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void withoutNetworkItFailsFastAndSaysSo(String name, @TempDir Path root) throws IOException {
        FixtureServer closed = new FixtureServer();
        DatasetFixtures.Fixture f = DatasetFixtures.of(name, closed, DatasetFixtures.Variant.GOOD);
        closed.close(); // nothing listens on that port any more
        long start = System.nanoTime();
        PreparationException e = assertThrows(PreparationException.class,
                () -> fetcher(PLENTY).fetch(f.dataset(), options(root), PreparationListener.NONE));
        assertTrue(e.getMessage().startsWith("cannot reach 127.0.0.1 to download ")
                && e.getMessage().contains("is this machine offline?"), e.getMessage());
        assertTrue(System.nanoTime() - start < 30e9, "took too long to fail");
        assertNothingPrepared(root, name);
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void dryRunNamesSourcesChecksumsAndSpaceAndFetchesNothing(String name, @TempDir Path root) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            DatasetFixtures.Fixture f = DatasetFixtures.of(name, server, DatasetFixtures.Variant.GOOD);
            String text = fetcher(PLENTY).dryRun(f.dataset(), options(root));
            RemoteFile main = r(f.dataset(), f.main());
            assertTrue(text.contains("from " + server.base() + f.main()), text);
            assertTrue(text.contains(main.checksum().algorithm() + " " + main.checksum().hex()), text);
            assertTrue(text.contains("disk: about ") && text.endsWith("nothing was downloaded (--dry-run)"), text);
            assertEquals(List.of(), server.requests);
            assertFalse(Files.exists(root.resolve(name)));
        }
    }

    private static RemoteFile r(Dataset d, String name) {
        return d.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static DatasetFetcher fetcher(DiskSpace disk) {
        return new DatasetFetcher(new Downloader(), disk);
    }

    private static DatasetFetcher.Options options(Path root) {
        return new DatasetFetcher.Options(root, null, null, false);
    }

    private static void assertNothingPrepared(Path root, String name) throws IOException {
        assertFalse(Files.exists(root.resolve(name)), "a prepared folder was left");
        assertEquals(List.of(), staging(root));
    }

    private static List<Path> staging(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().contains(".staging-")).toList();
        }
    }
}
