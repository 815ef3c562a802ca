package dev.ginr.inr.data.prepare;

import dev.ginr.inr.cli.DataCommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files downloaded by hand (ShapeNet), files without a published checksum, and the command line around it all. */
class ManualFilesAndCliTest {

    @Test
    void shapenetIsTakenFromAFolderAndNeedsConsentWithoutAPublishedChecksum(@TempDir Path tmp) throws IOException {
        Path from = Files.createDirectories(tmp.resolve("by-hand"));
        Files.write(from.resolve("shapenet_chairs.zip"), FixtureArchives.zip(FixtureArchives.entries(
                "chairs/1a2b3c/transforms.json", "{\"frames\": []}")));
        Files.writeString(from.resolve("chair_splits.json"), "{\"train\": [\"1a2b3c\"]}", StandardCharsets.UTF_8);
        Dataset chairs = DatasetCatalog.named("shapenet-chairs");
        DatasetFetcher fetcher = new DatasetFetcher(new Downloader(), dir -> Long.MAX_VALUE);
        Path root = tmp.resolve("data");

        PreparationException noFolder = assertThrows(PreparationException.class, () -> fetcher.fetch(chairs,
                new DatasetFetcher.Options(root, null, null, true), PreparationListener.NONE));
        assertTrue(noFolder.getMessage().contains("download it by hand from https://drive.google.com/drive/folders/"),
                noFolder.getMessage());

        PreparationException noConsent = assertThrows(PreparationException.class, () -> fetcher.fetch(chairs,
                new DatasetFetcher.Options(root, null, from, false), PreparationListener.NONE));
        String sha = FixtureArchives.digest("SHA-256", Files.readAllBytes(from.resolve("shapenet_chairs.zip")));
        assertTrue(noConsent.getMessage().startsWith("no checksum is published for shapenet_chairs.zip (SHA-256 of "
                + "the copy here: " + sha + ")"), noConsent.getMessage());
        assertFalse(Files.exists(root.resolve("shapenet-chairs")));

        Path prepared = fetcher.fetch(chairs, new DatasetFetcher.Options(root, null, from, true),
                PreparationListener.NONE);
        assertTrue(Files.isRegularFile(prepared.resolve("raw/chairs/1a2b3c/transforms.json")));
        assertTrue(Files.isRegularFile(prepared.resolve("raw/chair_splits.json")));
    }

    @Test
    void twoCandidatesForOneHandDownloadedFileAreRefused(@TempDir Path tmp) throws IOException {
        Path from = Files.createDirectories(tmp.resolve("by-hand"));
        Files.write(from.resolve("chairs-a.zip"), new byte[] {1});
        Files.write(from.resolve("chairs-b.zip"), new byte[] {2});
        DatasetFetcher fetcher = new DatasetFetcher(new Downloader(), dir -> Long.MAX_VALUE);
        PreparationException e = assertThrows(PreparationException.class, () -> fetcher.fetch(
                DatasetCatalog.named("shapenet-chairs"), new DatasetFetcher.Options(tmp.resolve("data"), null, from,
                        true), PreparationListener.NONE));
        assertTrue(e.getMessage().startsWith("2 files in " + from + " match *chair*"), e.getMessage());
    }

    @Test
    void theCommandLineAppliesThePublishedChecksumToAMirrorAndPrintsOneLine(@TempDir Path tmp) throws IOException {
        try (FixtureServer server = new FixtureServer()) {
            server.serve("imagenette2-320.tgz", FixtureArchives.tar(FixtureArchives.entries("a.txt", "x"), true));
            DataCommandRunner.Result r = DataCommandRunner.run("fetch", "imagenette", "--root",
                    tmp.toString(), "--mirror", server.base());
            assertEquals(1, r.exitCode(), r.err());
            // the fixture is not the published file: the real size (fastai) or MD5 pin rejects it
            assertTrue(r.err().contains("imagenette2-320.tgz has ") && r.err().contains("the publisher states "
                    + "341663724") || r.err().contains("checksum mismatch"), r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("ginr fetch: ")).count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(tmp.resolve("imagenette")));
        }
    }

    @Test
    void dryRunAndListOnTheCommandLine(@TempDir Path tmp) {
        DataCommandRunner.Result dry = DataCommandRunner.run("fetch", "librispeech", "--root", tmp.toString(),
                "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("from https://www.openslr.org/resources/12/train-clean-100.tar.gz"), dry.out());
        assertTrue(dry.out().contains("SHA-256 d4ddd1d5a6ab303066f14971d768ee43278a5f2a0aa43dc716b0e64ecbbbf6e2"),
                dry.out());
        assertTrue(dry.out().contains("raw/ as published"), dry.out());
        DataCommandRunner.Result unknown = DataCommandRunner.run("fetch", "mnist");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown dataset 'mnist': one of celeba, ffhq, imagenette"), unknown.err());
        DataCommandRunner.Result list = DataCommandRunner.run("list");
        assertEquals(7, list.out().strip().lines().count(), list.out());
    }
}
