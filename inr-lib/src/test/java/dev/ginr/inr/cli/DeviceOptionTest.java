package dev.ginr.inr.cli;

import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.cli.TrainCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.ginr.inr.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --device} on the commands that compute: a GPU on a machine whose engine is the CPU build is refused with one
 * line naming the loaded engine and the command that configures a CUDA one, before any data is read; an unknown
 * name is refused with the allowed set.
 */
class DeviceOptionTest {

    @TempDir
    Path tmp;

    private static final String NO_CUDA = "device 'gpu' is not available: no CUDA engine is configured (the PyTorch "
            + "engine loaded is 2.7.1, flavour cpu); configure one with: environment/setup.sh --gpu --libtorch DIR";

    @Test
    void aGpuOnTheCpuBuildIsOneLineWithTheCommandThatConfiguresOne() throws Exception {
        assumeTrue(GinrEngine.engine().getGpuCount() == 0, "this machine has a GPU");
        Path data = Files.createDirectories(tmp.resolve("no-images-read"));
        Path out = tmp.resolve("out");
        String[][] commands = {
            {"train", "--preset", "image-32-small", "--data", data.toString(), "--out", out.toString(), "--device",
                "gpu"},
            {"eval", "--checkpoint", tmp.resolve("none").toString(), "--data", data.toString(), "--device", "gpu"},
            {"reconstruct", "--checkpoint", tmp.resolve("none").toString(), "--data", data.toString(), "--out",
                out.toString(), "--device", "gpu"},
            {"bench", "--device", "gpu", "--csv", tmp.resolve("b.csv").toString()},
            {"fit", data.toString(), "--out", out.toString(), "--device", "gpu"},
            {"gpu-check"}, // the GPU against the CPU by default
        };
        for (String[] args : commands) {
            Run r = run(args);
            assertEquals(1, r.code(), r.err());
            assertEquals("ginr " + args[0] + ": " + NO_CUDA, r.err().strip(), "one line, nothing else");
            assertEquals("", r.out().strip(), "nothing ran: " + r.out());
        }
        assertFalse(Files.exists(out), "no run folder or output was made");
        assertFalse(Files.exists(tmp.resolve("b.csv")), "the benchmark did not run");
    }

    @Test
    void anUnknownDeviceNamesTheValueAndTheAllowedSet() {
        Run r = run("bench", "--device", "tpu:1");
        assertEquals(1, r.code(), r.err());
        assertEquals("ginr bench: unknown device 'tpu:1'; allowed: auto, cpu, gpu, gpu:N", r.err().strip());
        Run gpuWord = run("eval", "--checkpoint", "x", "--data", "y", "--device", "gpu:x");
        assertTrue(gpuWord.err().strip().equals("ginr eval: unknown device 'gpu:x'; allowed: auto, cpu, gpu, gpu:N"),
                gpuWord.err());
    }
}
