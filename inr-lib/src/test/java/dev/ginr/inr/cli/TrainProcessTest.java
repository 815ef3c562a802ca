package dev.ginr.inr.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ginr train} as a user's process meets it: Ctrl-C, SIGTERM, a second Ctrl-C, a second training into the same
 * run folder. Each case runs real child JVMs and sends real signals with kill(1).
 */
class TrainProcessTest {

    private static final Pattern PROGRESS = Pattern.compile("\\] (\\d+)/(\\d+) ");
    private static final Pattern STOPPED = Pattern.compile(
            "ginr train: stopped by (SIG\\w+) after step (\\d+) of (\\d+); checkpoint (\\S+); to resume: (.+)");

    /** The step a progress line reports, or -1. */
    private static int step(String line) {
        Matcher m = PROGRESS.matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** train on 6 + 2 real crops, image-32-small with batch 4 (a short step), for {@code steps} steps. */
    private static List<String> train(Path tmp, int steps, String out) throws Exception {
        return train(tmp, steps, out, 4);
    }

    private static List<String> train(Path tmp, int steps, String out, int batch) throws Exception {
        return train(tmp, steps, out, batch, "");
    }

    /** As above, with {@code experimentLines} (YAML under {@code experiment:}, each line ending in a newline). */
    private static List<String> train(Path tmp, int steps, String out, int batch, String experimentLines)
            throws Exception {
        Path data = tmp.resolve("data");
        if (!Files.isDirectory(data)) {
            TrainCommandTest.smallFolder(data);
        }
        String config = "batch" + batch + ".yaml";
        Files.writeString(tmp.resolve(config), "experiment:\n  batch_size: " + batch + "\n" + experimentLines);
        return new ArrayList<>(List.of("train", "--preset", "image-32-small", "--config", config, "--data",
                "data", "--steps", Integer.toString(steps), "--out", out));
    }

    private static void assertNoCrashFile(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> crashes = s.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
            assertEquals(List.of(), crashes, "the JVM crashed");
        }
    }

    private static Matcher stoppedLine(GinrProcess p) {
        for (String line : p.err().split("\n")) {
            Matcher m = STOPPED.matcher(line);
            if (m.matches()) {
                return m;
            }
        }
        throw new AssertionError("no 'stopped by ... to resume' line; err:\n" + p.err() + "\nout:\n" + p.out());
    }

    /** Splits a command line as a POSIX shell would for words, spaces and single quotes. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1).replace("'\\''", "'") : m.group(2));
        }
        return words;
    }

    /**
     * The Ctrl-C cases need SIGINT to reach the child: a JVM started with SIGINT ignored (a background job of a
     * non-interactive shell, nohup) passes that on to its children, and ginr deliberately keeps an inherited ignore
     * (SignalStop), so those cases could only fail. Say so instead of failing on a missing "SIGINT received" line.
     */
    private static void requireSigintDelivered() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                assertEquals(0, ignored & (1L << 1), "this test JVM was started with SIGINT ignored (SigIgn "
                        + line.substring(7).trim() + "), as a background job of a non-interactive shell or under "
                        + "nohup is; its ginr children inherit that and keep it, so the Ctrl-C cases cannot run. "
                        + "Run the tests in the foreground.");
            }
        }
    }

    @Test
    void sigintAtARandomStepThenResumeEndsBitIdenticalToAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        requireSigintDelivered();
        long seed = System.nanoTime();
        int at = 3 + new Random(seed).nextInt(10);
        System.out.println("SIGINT once step " + at + " is reported (seed " + seed + ")");
        GinrProcess straight = GinrProcess.run(tmp, 900, train(tmp, 24, "straight").toArray(String[]::new));
        assertEquals(0, straight.waitFor(1), straight.err());

        int stoppedAt;
        List<String> resume;
        try (GinrProcess p = GinrProcess.start(tmp, train(tmp, 24, "resumed").toArray(String[]::new))) {
            p.awaitOut(line -> step(line) >= at, 900);
            p.signal("INT");
            assertEquals(130, p.waitFor(300), p.err());
            assertTrue(p.err().contains("ginr train: SIGINT received: stopping after this step to write a checkpoint "
                    + "(Ctrl-C again quits at once, without one)"), p.err());
            Matcher m = stoppedLine(p);
            stoppedAt = Integer.parseInt(m.group(2));
            assertEquals("SIGINT", m.group(1));
            assertEquals("24", m.group(3));
            assertEquals(Path.of("resumed", "checkpoint.safetensors").toString(), m.group(4));
            assertTrue(stoppedAt >= at && stoppedAt < 24, "stopped at step " + stoppedAt);
            assertEquals(stoppedAt, Checkpoint.readMetadata(tmp.resolve(m.group(4))).metaLong("train.step"));
            resume = words(m.group(5));
        }
        assertEquals("ginr", resume.get(0));
        List<String> expected = train(tmp, 24, "resumed");
        expected.add("--resume");
        assertEquals(expected, resume.subList(1, resume.size()), "the printed command is the run's, with --resume");
        GinrProcess resumed = GinrProcess.run(tmp, 900, resume.subList(1, resume.size()).toArray(String[]::new));
        assertEquals(0, resumed.waitFor(1), resumed.err());
        assertTrue(resumed.out().contains("] " + (stoppedAt + 1) + "/24 ") && resumed.out().contains("] 24/24 "),
                resumed.out());
        assertFalse(resumed.out().contains("] " + stoppedAt + "/24 "), "no step runs twice: " + resumed.out());

        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Checkpoint.Contents a = Checkpoint.read(tmp.resolve("straight/checkpoint.safetensors"), m);
            Checkpoint.Contents b = Checkpoint.read(tmp.resolve("resumed/checkpoint.safetensors"), m);
            assertEquals(a.tensors().keySet(), b.tensors().keySet());
            for (Map.Entry<String, NDArray> e : a.tensors().entrySet()) {
                assertArrayEquals(e.getValue().toFloatArray(), b.tensors().get(e.getKey()).toFloatArray(),
                        e.getKey() + " differs after SIGINT at step " + stoppedAt + " and resume");
            }
            assertEquals(a.meta("optimizer.adam_steps"), b.meta("optimizer.adam_steps"));
            assertEquals("24", b.meta("train.step"));
        }

        GinrProcess eval = GinrProcess.run(tmp, 300, "eval", "--checkpoint", "resumed", "--data", "data");
        assertEquals(0, eval.waitFor(1), eval.err());
        assertFalse(eval.err().contains("AutoNonVariableTypeMode"), "libtorch's warning reaches the user: "
                + eval.err());
        assertEquals("", eval.err().strip(), "eval writes nothing to standard error");
        assertNoCrashFile(tmp);
    }

    @Test
    void aSecondTrainingIntoTheSameRunFolderIsRefusedAndSigtermStopsTheFirstWithACheckpoint(@TempDir Path tmp)
            throws Exception {
        try (GinrProcess first = GinrProcess.start(tmp, train(tmp, 400, "run").toArray(String[]::new))) {
            first.awaitOut(line -> step(line) >= 1, 900);
            GinrProcess second = GinrProcess.run(tmp, 300, train(tmp, 400, "run").toArray(String[]::new));
            assertEquals(1, second.waitFor(1), second.err());
            assertTrue(second.err().startsWith("ginr train: run folder run is in use: process " + first.pid()
                    + " since "), second.err());
            assertEquals(1, second.err().strip().lines().count(), "one line: " + second.err());
            assertFalse(second.out().contains("read "), "refused before loading data: " + second.out());

            first.signal("TERM");
            assertEquals(143, first.waitFor(300), first.err());
            Matcher m = stoppedLine(first);
            assertEquals("SIGTERM", m.group(1));
            assertEquals(Integer.parseInt(m.group(2)), Checkpoint.readMetadata(tmp.resolve("run/checkpoint"
                    + ".safetensors")).metaLong("train.step"));
        }
        try (Stream<Path> s = Files.list(tmp.resolve("run"))) {
            assertEquals(List.of(".ginr-run.lock", "checkpoint.safetensors"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertNoCrashFile(tmp);
    }

    @Test
    void ctrlCEndsAFitAtAStepBoundaryWithItsResultSoFar(@TempDir Path tmp) throws Exception {
        requireSigintDelivered();
        TrainCommandTest.smallFolder(tmp.resolve("data"));
        try (GinrProcess p = GinrProcess.start(tmp, "fit", "data/train", "--steps", "5000", "--log-every", "1")) {
            p.awaitOut(line -> step(line) >= 3, 900);
            p.signal("INT");
            assertEquals(130, p.waitFor(300), p.err());
            Matcher m = Pattern.compile("ginr fit: stopped by SIGINT after step (\\d+) of 5000: "
                    + "PSNR (\\d+\\.\\d\\d) dB \\(mean over 6 images\\)").matcher(p.err());
            assertTrue(m.find(), p.err());
            assertTrue(Integer.parseInt(m.group(1)) >= 3 && Integer.parseInt(m.group(1)) < 5000, m.group());
        }
        assertNoCrashFile(tmp);
    }

    @Test
    void aSecondCtrlCQuitsAtOnceWithoutWaitingForTheStep(@TempDir Path tmp) throws Exception {
        requireSigintDelivered();
        // batch 192: a long step, a progress line every step (20 steps), and no periodic checkpoint (an epoch of 6
        // images is a fraction of a step, so the preset's 20 epochs would save one every step). The first Ctrl-C
        // goes in the middle of a step (half a step after a progress line, the step's length measured from two
        // progress lines), so the stop it asks for is still ahead when the second comes; a Ctrl-C right after a
        // progress line could land on the step boundary and stop at once.
        List<String> args = train(tmp, 20, "run", 192, "  save_ckpt_freq: 100000\n");
        try (GinrProcess p = GinrProcess.start(tmp, args.toArray(String[]::new))) {
            int first = step(p.awaitOut(line -> step(line) >= 1, 900));
            long t1 = System.nanoTime();
            int second = step(p.awaitOut(line -> step(line) > first, 900));
            double stepSeconds = (System.nanoTime() - t1) / 1e9 / (second - first);
            Thread.sleep((long) (stepSeconds * 500));
            p.signal("INT");
            p.awaitErr(line -> line.contains("SIGINT received"), 60);
            p.signal("INT");
            long t0 = System.nanoTime();
            assertEquals(130, p.waitFor(60), p.err());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertFalse(p.err().contains("stopped by"), "the second Ctrl-C must not wait for the step: " + p.err());
            assertTrue(seconds < 10, "ended " + seconds + " s after the second Ctrl-C");
            assertFalse(Files.exists(tmp.resolve("run/checkpoint.safetensors")), Arrays.toString(
                    tmp.resolve("run").toFile().list()));
        }
        assertNoCrashFile(tmp);
    }
}
