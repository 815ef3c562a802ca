package dev.ginr.notebook.magic;

import dev.ginr.inr.GinrEngine;
import dev.ginr.notebook.display.RecordingSink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code %ginr_device gpu} where the engine is the CPU build: one line with the command that configures CUDA. */
class DeviceMagicTest {

    @Test
    void aGpuOnTheCpuBuildNamesTheEngineAndTheCommandAndKeepsTheChoice() {
        assumeTrue(GinrEngine.engine().getGpuCount() == 0, "this machine has a GPU");
        GinrSession session = GinrSession.create();
        RecordingSink sink = new RecordingSink();
        new DeviceMagic(session).call(sink, List.of("cpu"), null);
        MagicFailure f = assertThrows(MagicFailure.class, () -> new DeviceMagic(session).call(sink, List.of("gpu"),
                null));
        assertEquals("%ginr_device: device 'gpu' is not available: no CUDA engine is configured (the PyTorch engine "
                + "loaded is 2.7.1, flavour cpu); configure one with: environment/setup.sh --gpu --libtorch DIR",
                f.getMessage());
        assertEquals(0, f.getStackTrace().length);
        assertEquals("cpu", session.deviceName(), "a refused device leaves the earlier choice");
        assertEquals(1, sink.displayed.size(), "only the first call showed its device");
    }
}
