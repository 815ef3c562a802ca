package dev.ginr.notebook.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interrupting a running {@code %ginr_train} through a real Jupyter client: the cell ends as interrupted, the
 * display says so, the run folder holds a (periodic) checkpoint that {@code ExperimentRun.load} reads back, and the
 * kernel answers the next cell.
 */
class TrainingInterruptTest {

    private static JsonObject report;

    @BeforeAll
    static void interruptATraining() throws Exception {
        JupyterDriver.requireJupyter();
        Path jupyterPath = JupyterDriver.installTestKernelspec();
        Path runDir = Files.createTempDirectory("ginr-interrupted-run-");
        report = JupyterDriver.run(jupyterPath, "training_interrupt_driver.py", 600,
                Map.of("GINR_DATA", photos().toString(), "PYTHONPATH", Path.of("src", "test", "python")
                        .toAbsolutePath().toString()), JupyterDriver.KERNEL_NAME, runDir.toString());
        System.out.println("training interrupt report: " + report);
    }

    static Path photos() throws IOException {
        Path real = Path.of("..").toAbsolutePath().normalize().resolve("data/offline-photos/32");
        if (!Files.isDirectory(real.resolve("train"))) {
            throw new AssertionError("build the offline photo set first: bash data-scripts/build-offline-photos.sh");
        }
        return real;
    }

    @Test
    void interruptedTrainingLeavesALoadableCheckpointAndALiveKernel() {
        assertEquals("ok", report.get("config").getAsString());
        assertTrue(report.get("updates_before_interrupt").getAsInt() >= 2, report.toString());
        JsonObject interrupt = report.getAsJsonObject("interrupt");
        assertEquals("error", interrupt.get("status").getAsString(), report.toString());
        assertEquals("CellInterrupted", interrupt.get("ename").getAsString(), report.toString());
        assertEquals("long", report.get("loaded_name").getAsString().replace("\"", ""), report.toString());
        int step = Integer.parseInt(report.get("checkpoint_step").getAsString().replace("\"", ""));
        assertTrue(step >= 1 && step < 150, "checkpoint at step " + step);
        assertTrue(report.get("last_display").getAsString().contains("the last periodic one remains"),
                report.toString());
        assertEquals("42", report.get("after").getAsString());
    }
}
