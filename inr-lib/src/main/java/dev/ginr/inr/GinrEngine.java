package dev.ginr.inr;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The one place where the deep-learning engine (DJL, PyTorch) is started.
 *
 * <p>Every library entry point goes through here, so that offline mode is set before the first engine use: the
 * PyTorch native library comes from the {@code pytorch-native-cpu} jar and DJL never tries to download anything.
 * The engine itself (and its native library) loads lazily, on the first call to {@link #engine()}.
 */
public final class GinrEngine {

    /** The system property DJL reads to stay offline. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    static {
        goOffline();
    }

    private GinrEngine() {}

    /** Sets DJL's offline mode unless the user explicitly set the property already. */
    public static void goOffline() {
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }

    /** The PyTorch engine, started offline on first use. */
    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /**
     * Resolves a device name: {@code auto} (GPU 0 if the engine sees one, else CPU), {@code cpu}, {@code gpu} or
     * {@code gpu:N}.
     */
    public static Device device(String name) {
        String n = name == null ? "auto" : name.trim().toLowerCase(java.util.Locale.ROOT);
        int gpus = engine().getGpuCount();
        if (n.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("gpu") || n.matches("gpu:\\d+")) {
            int id = n.equals("gpu") ? 0 : Integer.parseInt(n.substring(4));
            if (id >= gpus) {
                throw new IllegalArgumentException("device '" + name + "' is not available: the engine sees " + gpus
                        + " GPU(s); allowed: auto, cpu" + (gpus > 0 ? ", gpu:0.." + (gpus - 1) : ""));
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + name + "'; allowed: auto, cpu, gpu, gpu:N");
    }

    /**
     * Number of native arrays alive in the engine, over every manager created from it. The native-memory tests and
     * the benchmark watch this stay flat over many steps.
     */
    public static int liveNativeArrays() {
        try (ai.djl.ndarray.NDManager probe = engine().newBaseManager()) {
            return ((ai.djl.ndarray.BaseNDManager) probe.getParentManager()).getManagedArrays().size();
        }
    }

    /** Seeds the engine's random generator (parameter initialisation, Gaussian Fourier features, noise). */
    public static void seed(long seed) {
        engine().setRandomSeed((int) seed);
    }
}
