package dev.ginr.inr.cli;

import dev.ginr.inr.cli.TrainCommandTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ginr.inr.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line under hostile use: every case ends with a clear one-line message or the documented behaviour,
 * never a stack trace, and nothing trains when the input is wrong.
 */
class CommandLineHostileInputTest {

    @TempDir
    static Path tmp;
    static Path data;
    /** A TransINR run of one step, trained once for the cases that need a checkpoint. */
    static Path trained;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = TrainCommandTest.smallFolder(tmp.resolve("data"));
        trained = tmp.resolve("trained");
        Run r = run("train", "--preset", "image-32-small", "--model", "transinr", "--data", data.toString(), "--steps",
                "1", "--out", trained.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** The failure is one line of standard error, with no stack trace and no training. */
    private static String oneLineFailure(Run r, int code) {
        assertEquals(code, r.code(), "out: " + r.out() + "\nerr: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
        assertFalse(r.out().contains("steps/s") || r.out().contains("training "), "nothing may train: " + r.out());
        List<String> lines = r.err().strip().lines().filter(l -> !l.startsWith("Usage:") && !l.startsWith(" ")
                && !l.startsWith("Train a ")).toList();
        assertTrue(lines.size() >= 1, r.err());
        return lines.get(0);
    }

    private static String[] train(Path out, String... more) {
        return train(out, 2, more);
    }

    private static String[] train(Path out, int steps, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--preset", "image-32-small", "--model",
                "transinr", "--data", data.toString(), "--steps", Integer.toString(steps), "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aRunFolderWithACheckpointIsContinuedOrReplacedOnlyWhenAsked() throws Exception {
        Path runDir = tmp.resolve("again");
        assertEquals(0, run(train(runDir)).code());
        String refused = oneLineFailure(run(train(runDir)), 1);
        assertEquals("ginr train: run folder " + runDir + " already holds a checkpoint (a transinr run at step 2); add "
                + "--resume to continue it, or --overwrite to start a new run over it", refused);
        String both = oneLineFailure(run(train(runDir, "--resume", "--overwrite")), 2);
        assertTrue(both.contains("--resume and --overwrite exclude each other"), both);
        Run over = run(train(runDir, 1, "--overwrite"));
        assertEquals(0, over.code(), over.err());
        Run resumed = run(train(runDir, 3, "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("] 2/3 ") && resumed.out().contains("] 3/3 ")
                && !resumed.out().contains("] 1/3 "), "continues after the overwriting run's step 1: " + resumed.out());
        Run fresh = run(train(tmp.resolve("new"), "--resume"));
        assertEquals(0, fresh.code(), fresh.err());
        assertTrue(fresh.err().contains("no checkpoint in " + tmp.resolve("new") + " yet: starting a new run"),
                fresh.err());
    }

    @Test
    void aBadOutIsReportedBeforeAnythingIsLoaded() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run asFile = run(train(file));
        assertEquals("ginr train: run folder " + file + " is a file; give a folder (it will hold "
                + "checkpoint.safetensors)", oneLineFailure(asFile, 1));
        assertFalse(asFile.out().contains("read "), "checked before the data is read: " + asFile.out());
        Path under = file.resolve("run");
        assertEquals("ginr train: run folder " + under + " cannot be made: " + file + " is a file, not a folder",
                oneLineFailure(run(train(under)), 1));
    }

    @Test
    void configsAndDataGivenAsTheWrongKindOfPathAreNamedPrecisely() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("configs"));
        assertEquals("ginr train: config " + folder + " is a folder; give a YAML file (such as one of the reference "
                + "implementation's configs/*.yaml)", oneLineFailure(run("train", "--config", folder.toString(),
                "--data", data.toString()), 1));
        Path image = data.resolve("train").toFile().listFiles()[0].toPath();
        String asData = oneLineFailure(run("train", "--preset", "image-32-small", "--data", image.toString(), "--out",
                tmp.resolve("x").toString()), 1);
        assertTrue(asData.startsWith("ginr train: data folder " + image + " is a file, not a folder"), asData);
        for (String text : List.of("", "# nothing here yet\n")) {
            Path empty = Files.writeString(tmp.resolve("empty.yaml"), text);
            String msg = oneLineFailure(run("train", "--config", empty.toString(), "--data", data.toString()), 1);
            assertTrue(msg.startsWith("ginr train: empty.yaml holds no settings (it is empty or only comments)"), msg);
        }
    }

    @Test
    void unknownKeysAreWarnedAboutOnce() throws Exception {
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "arch:\n  hyponet:\n    hiden_dim: [32]\n");
        Run r = run(train(tmp.resolve("typo"), 1, "--config", typo.toString()));
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("unknown key arch\\.hyponet\\.hiden_dim").matcher(r.err());
        int count = 0;
        while (m.find()) {
            count++;
        }
        assertEquals(1, count, r.err());
    }

    @Test
    void anUpsampleBeyondMemoryIsRefusedWithTheLargestThatFits() {
        for (String k : List.of("1000", "3000")) {
            Run r = run("reconstruct", "--checkpoint", trained.toString(), "--data", data.resolve("test").toString(),
                    "--out", tmp.resolve("png-" + k).toString(), "--upsample", k);
            String msg = oneLineFailure(r, 1);
            assertTrue(msg.startsWith("ginr reconstruct: upsample " + k + " would render 2 images of " + 32 * Integer
                    .parseInt(k) + "x" + 32 * Integer.parseInt(k)) && msg.contains("so at most upsample ")
                    && msg.contains("-Xmx"), msg);
            assertFalse(Files.exists(tmp.resolve("png-" + k).resolve("recon-000-32000x32000.png")));
        }
    }

    @Test
    void reconstructionsInsideTheDataFolderAreNotReadAsTrainingData() throws Exception {
        Path inside = data.resolve("train/recon");
        Run r = run("reconstruct", "--checkpoint", trained.toString(), "--data", data.resolve("test").toString(),
                "--out", inside.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(inside.resolve("recon-001-32x32.png")));
        Run t = run(train(tmp.resolve("after-recon"), 1));
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("train: read 6 images, ignored 1 folder of ginr output (" + inside + ")"),
                t.out());
        assertTrue(oneLineFailure(run("reconstruct", "--checkpoint", trained.toString(), "--data", data.toString(),
                "--out", data.toString()), 1).contains("is or holds the data folder"));
        assertTrue(oneLineFailure(run("reconstruct", "--checkpoint", trained.toString(), "--data",
                data.resolve("test").toString(), "--out", data.resolve("train").toString()), 1).contains(
                "already holds images that ginr did not write"));
    }

    @Test
    void resumingWithAnotherSeedIsRefusedAndAnotherLearningRateIsSaid() throws Exception {
        Path runDir = tmp.resolve("seeded");
        assertEquals(0, run(train(runDir)).code());
        Path seed = Files.writeString(tmp.resolve("seed.yaml"), "experiment:\n  seed: 3\n");
        String refused = oneLineFailure(run(train(runDir, 3, "--config", seed.toString(), "--resume")), 1);
        assertTrue(refused.contains("was trained with seed 0; this run's seed is 3"), refused);
        Path lr = Files.writeString(tmp.resolve("lr.yaml"), "optimizer:\n  init_lr: 0.0003\n");
        Run r = run(train(runDir, 3, "--config", lr.toString(), "--resume"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ginr train: note: the checkpoint was trained with learning rate 1.0E-4; this run "
                + "continues from step 2 with 3.0E-4"), r.err());
    }
}
