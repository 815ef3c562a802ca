package dev.ginr.inr;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GinrEngineTest {

    @Test
    void engineStartsOfflineFromTheBundledNativeLibrary() {
        GinrEngine.goOffline();
        assertEquals("true", System.getProperty(GinrEngine.OFFLINE_PROPERTY));
        assertTrue(Utils.isOfflineMode(), "DJL must run in offline mode");
        Engine engine = GinrEngine.engine();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.7.1", engine.getVersion());
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertEquals(52f, a.matMul(a.transpose()).sum().getFloat(), 0f); // [[5,11],[11,25]]
        }
    }

    @Test
    void deviceNamesResolveOrExplainWhatIsAllowed() {
        assertEquals(Device.cpu(), GinrEngine.device("cpu"));
        Device auto = GinrEngine.device("auto");
        assertEquals(GinrEngine.engine().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu(), auto);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GinrEngine.device("tpu"));
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("auto, cpu, gpu"), e.getMessage());
        if (GinrEngine.engine().getGpuCount() == 0) {
            IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> GinrEngine.device("gpu:0"));
            assertEquals("device 'gpu:0' is not available: no CUDA engine is configured (the PyTorch engine loaded is "
                    + "2.7.1, flavour cpu); configure one with: environment/setup.sh --gpu --libtorch DIR",
                    g.getMessage());
            assertEquals("cpu", GinrEngine.flavor());
        }
    }

    @Test
    void liveNativeArraysCountsArraysUntilTheirManagerCloses() {
        int before = GinrEngine.liveNativeArrays();
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            m.zeros(new ai.djl.ndarray.types.Shape(3));
            m.ones(new ai.djl.ndarray.types.Shape(3));
            assertEquals(before + 2, GinrEngine.liveNativeArrays());
        }
        assertEquals(before, GinrEngine.liveNativeArrays());
    }
}
