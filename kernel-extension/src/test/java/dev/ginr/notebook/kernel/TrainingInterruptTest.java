package dev.ginr.notebook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interrupting a running 2000-step {@code %ginr_train} through a real Jupyter client after 10 s (and after its first
 * step), five times in a row (the first run fresh, then with {@code --resume}): each time the cell ends as interrupted, the kernel answers
 * the next cell, the display says where the checkpoint is and how to continue (no error text), {@code %ginr} lists
 * the run with its checkpoint at the interrupt step, and {@code --resume} continues from it. While it trains the
 * display moves at least once a second and at most a few times a second.
 */
class TrainingInterruptTest {

    /** Redraws while a training runs: at least one a second (with slack for a busy machine), at most a few. */
    static final double MAX_GAP_SECONDS = 1.5;
    static final int MAX_PER_SECOND = 4;

    private static JsonObject report;

    @BeforeAll
    static void interruptATraining() throws Exception {
        JupyterDriver.requireJupyter();
        Path jupyterPath = JupyterDriver.installTestKernelspec();
        Path runDir = Files.createTempDirectory("ginr-interrupted-run-");
        report = JupyterDriver.run(jupyterPath, "training_interrupt_driver.py", 900,
                Map.of("GINR_DATA", photos().toString(), "PYTHONPATH", Path.of("src", "test", "python")
                        .toAbsolutePath().toString()), JupyterDriver.KERNEL_NAME, runDir.toString());
        Files.writeString(Path.of("target", "training-interrupt-report.json"), report.toString());
        System.out.println("training interrupt report: target/training-interrupt-report.json");
    }

    static Path photos() throws IOException {
        Path real = Path.of("..").toAbsolutePath().normalize().resolve("data/offline-photos/32");
        if (!Files.isDirectory(real.resolve("train"))) {
            throw new AssertionError("build the offline photo set first: bash data-scripts/build-offline-photos.sh");
        }
        return real;
    }

    @Test
    void everyInterruptKeepsTheRunWithACheckpointAtTheInterruptStep() {
        assertEquals("ok", report.get("config").getAsString());
        JsonArray rounds = report.getAsJsonArray("rounds");
        assertEquals(5, rounds.size());
        int previous = 0;
        for (int i = 0; i < rounds.size(); i++) {
            JsonObject r = rounds.get(i).getAsJsonObject();
            String where = "round " + (i + 1) + ": " + r;
            assertEquals("error", r.get("status").getAsString(), where);
            assertEquals("CellInterrupted", r.get("ename").getAsString(), where);
            assertEquals("42", r.get("after").getAsString(), where);
            int step = Integer.parseInt(r.get("checkpoint_step").getAsString().replace("\"", ""));
            assertTrue(step > previous, "each round continues the run: " + where);
            String display = r.get("last_display").getAsString();
            assertTrue(display.contains("interrupted by the user after " + step + " steps"), where);
            assertTrue(display.contains("checkpoint: ") && display.contains("checkpoint.safetensors"), where);
            assertTrue(display.contains("to continue from step " + step + ": %ginr_train long ")
                    && display.contains(" --resume"), where);
            assertFalse(display.matches("(?s).*(?i:error|fail|exception|zmq).*"), "no error text: " + where);
            assertEquals(0, r.getAsJsonArray("streams").asList().stream()
                    .filter(o -> !o.getAsJsonObject().get("type").getAsString().equals("error")).count(), where);
            assertTrue(r.get("ginr").getAsString().contains("long: interrupted at step " + step + "; checkpoint "),
                    where);
            // the kernelspec's env reaches the kernel before libtorch loads (OpenMpWaitPolicy)
            assertTrue(r.get("ginr").getAsString().contains("OMP_WAIT_POLICY=PASSIVE"), where);
            previous = step;
        }
        assertEquals("long", report.get("loaded_name").getAsString().replace("\"", ""));
    }

    @Test
    void resumeContinuesFromTheCheckpoint() {
        JsonObject resume = report.getAsJsonObject("resume");
        int from = resume.get("from").getAsInt();
        assertEquals("ok", resume.get("status").getAsString(), resume.toString());
        assertEquals("[" + (from + 1) + "]", resume.get("steps_trained").getAsString(), "one step after the "
                + "checkpoint, not a run from the start: " + resume);
        assertEquals(String.valueOf(from + 1), resume.get("checkpoint_step").getAsString().replace("\"", ""));
    }

    @Test
    void anInterruptedAblationKeepsTheFinishedLayersInItsTable() {
        JsonObject a = report.getAsJsonObject("ablation");
        assertTrue(a.get("interrupted").getAsBoolean(), a.toString());
        assertEquals("CellInterrupted", a.get("ename").getAsString(), a.toString());
        List<String> rows = a.get("table").getAsString().lines().filter(l -> l.contains("| long-layer")).toList();
        assertTrue(rows.size() >= 2 && rows.size() <= 3, a.toString());
        assertTrue(rows.get(0).contains("long-layer1") && rows.get(0).strip().endsWith("completed"), rows.toString());
        assertTrue(rows.get(rows.size() - 1).strip().endsWith("interrupted"), rows.toString());
        assertEquals("42", report.get("after_ablation").getAsString());
    }

    @Test
    void theDisplayMovesAtLeastOnceASecondAndAtMostAFewTimes() {
        double shownInAll = 0;
        for (var e : report.getAsJsonArray("rounds")) {
            JsonObject r = e.getAsJsonObject();
            double shown = r.get("display_seconds").getAsDouble(); // first to last redraw before the interrupt
            shownInAll += shown;
            assertTrue(r.get("updates_while_running").getAsInt() >= Math.floor(shown) - 1, r.toString());
            assertTrue(r.get("max_gap").getAsDouble() <= MAX_GAP_SECONDS, r.toString());
            assertTrue(r.get("max_per_second").getAsInt() <= MAX_PER_SECOND, r.toString());
        }
        assertTrue(shownInAll >= 20, "the displays were watched for " + shownInAll + " s");
    }
}
