package dev.ginr.inr.cli;

import dev.ginr.inr.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Ginr.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path resource(String name) throws Exception {
        return Paths.get(TrainCommandTest.class.getResource("/configs/" + name).toURI());
    }

    /** A small folder of real crops: 6 train and 2 test images, plus whatever {@code extra} adds. */
    static Path smallFolder(Path tmp) throws Exception {
        for (String split : List.of("train", "test")) {
            Path dst = Files.createDirectories(tmp.resolve(split));
            try (Stream<Path> s = Files.list(TestData.crops(32, split))) {
                for (Path p : s.sorted().limit(split.equals("train") ? 6 : 2).toList()) {
                    Files.copy(p, dst.resolve(p.getFileName()));
                }
            }
        }
        return tmp;
    }

    @Test
    void trainThenEvalThenReconstructUpsampled(@TempDir Path tmp) throws Exception {
        Path data = smallFolder(tmp.resolve("data"));
        Path runDir = tmp.resolve("run");
        Run train = run("train", "--preset", "image-32-small", "--data", data.toString(), "--steps", "4", "--out",
                runDir.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("train: read 6 images; test: read 2 images"), train.out());
        assertTrue(train.out().contains("low_rank_modulated_transinr") && train.out().contains("mean PSNR (dB)"),
                train.out());
        assertTrue(Files.exists(runDir.resolve("checkpoint.safetensors")));

        Run eval = run("eval", "--checkpoint", runDir.toString(), "--data", data.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("test") && eval.out().matches("(?s).*\\|\\s+2\\s+\\|\\s+\\d+\\.\\d\\d\\s+\\|.*"),
                eval.out());

        Run recon = run("reconstruct", "--checkpoint", runDir.toString(), "--data", data.resolve("test").toString(),
                "--out", tmp.resolve("png").toString(), "--upsample", "4");
        assertEquals(0, recon.code(), recon.err());
        assertTrue(Files.exists(tmp.resolve("png/recon-000-128x128.png")), recon.out());
        assertEquals(128, javax.imageio.ImageIO.read(tmp.resolve("png/recon-001-128x128.png").toFile()).getWidth());
    }

    @Test
    void trainAcceptsMetaLearningConfigs(@TempDir Path tmp) throws Exception {
        Path data = smallFolder(tmp.resolve("data"));
        for (String model : List.of("meta_low_rank_modulated_inr", "learned_init")) {
            Run r = run("train", "--preset", "meta-32-small", "--model", model, "--data", data.toString(), "--steps",
                    "2", "--out", tmp.resolve(model).toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("training " + model + " (" + model + ") for 2 steps"), r.out());
            assertTrue(r.out().contains("2/2") && r.out().contains("mean PSNR (dB)"), r.out());
        }
    }

    @Test
    void aCorruptImageIsSkippedAndCounted(@TempDir Path tmp) throws Exception {
        Path data = smallFolder(tmp.resolve("data"));
        Files.writeString(data.resolve("train/zz-corrupt.png"), "not a png at all");
        Run train = run("train", "--preset", "image-32-small", "--model", "transinr", "--data", data.toString(),
                "--steps", "2", "--out", tmp.resolve("run").toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("train: read 6 images, skipped 1 unreadable file"), train.out());
    }

    @Test
    void thePapersImagenetteConfigLoadsAndRunsAStepAt178OnCpu(@TempDir Path tmp) throws Exception {
        // one step: a paper-size step of batch 16 at 178x178 holds about 20 GB and takes minutes on 2 cores
        Path data = Files.createDirectories(tmp.resolve("photos"));
        try (Stream<Path> s = Files.list(TestData.crops(64, "train"))) {
            for (Path p : s.sorted().limit(3).toList()) {
                Files.copy(p, data.resolve(p.getFileName()));
            }
        }
        Run r = run("train", "--config", resource("imagenette178_low_rank_modulated_transinr.yaml").toString(),
                "--data", data.toString(), "--steps", "1", "--out", tmp.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("at 178x178") && r.out().contains("for 1 step, batch 16"), r.out());
        assertTrue(r.out().contains("1/1"), r.out());
    }

    @Test
    void helpListsEveryShippedPreset() {
        Run r = run("train", "--help");
        assertEquals(0, r.code(), r.err());
        for (String name : dev.ginr.inr.config.Presets.names()) {
            assertTrue(r.out().contains(name), name + " in " + r.out());
        }
        assertTrue(r.out().contains("nvs-small"), r.out());
    }

    @Test
    void badInputFailsBeforeTrainingNamingThePathOrFolder(@TempDir Path tmp) throws Exception {
        Path data = smallFolder(tmp.resolve("data"));
        Path rank = tmp.resolve("rank.yaml");
        Files.writeString(rank, "arch:\n  rank: [65]\n");
        Run r1 = run("train", "--preset", "image-32-small", "--config", rank.toString(), "--data", data.toString());
        assertEquals(1, r1.code());
        assertTrue(r1.err().contains("arch.rank = 65") && r1.err().contains("line 2"), r1.err());

        Path type = tmp.resolve("type.yaml");
        Files.writeString(type, "arch:\n  type: siren_inr\n");
        Run r2 = run("train", "--preset", "image-32-small", "--config", type.toString(), "--data", data.toString());
        assertEquals(1, r2.code());
        assertTrue(r2.err().contains("arch.type") && r2.err().contains("siren_inr"), r2.err());

        Run r3 = run("train", "--preset", "image-32-small", "--data", tmp.resolve("nowhere").toString());
        assertEquals(1, r3.code());
        assertTrue(r3.err().contains("nowhere") && r3.err().contains("does not exist"), r3.err());
        for (Run r : List.of(r1, r2, r3)) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(r.out().contains("steps/s"), "nothing may train: " + r.out());
        }
    }
}
