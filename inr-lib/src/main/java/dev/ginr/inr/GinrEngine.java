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
        try {
            return Engine.getEngine("PyTorch");
        } catch (ai.djl.engine.EngineException e) {
            String configured = ai.djl.util.Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
            if (configured == null) {
                throw e;
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException(e.getMessage() + " from PYTORCH_LIBRARY_PATH=" + configured + " ("
                    + root.getMessage() + "); check it with environment/setup.sh --gpu --libtorch DIR, or go back "
                    + "to the bundled CPU engine with environment/setup.sh --cpu", e);
        }
    }

    /**
     * Resolves a device name: {@code auto} (GPU 0 if the engine sees one, else CPU), {@code cpu}, {@code gpu} or
     * {@code gpu:N}.
     */
    public static Device device(String name) {
        String n = checkDeviceName(name); // before the engine starts
        int gpus = engine().getGpuCount();
        if (n.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        int id = n.equals("gpu") ? 0 : Integer.parseInt(n.substring(4)); // gpu or gpu:N
        if (gpus == 0) {
            throw new IllegalArgumentException(noGpuMessage(name));
        }
        if (id >= gpus) {
            throw new IllegalArgumentException("device '" + name + "' is not available: the engine sees " + gpus
                    + " GPU(s); allowed: auto, cpu, gpu:0.." + (gpus - 1));
        }
        return Device.gpu(id);
    }

    /**
     * The device name in the form {@link #device} reads (trimmed, lower case; null is auto), without starting the
     * engine.
     *
     * @throws IllegalArgumentException naming the value and {@link #DEVICES} when it is none of them
     */
    public static String checkDeviceName(String name) {
        String n = name == null ? "auto" : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (!n.matches("auto|cpu|gpu(:\\d+)?")) {
            throw new IllegalArgumentException("unknown device '" + name + "'; allowed: " + DEVICES);
        }
        return n;
    }

    /** The device names {@link #device} accepts, as error messages list them. */
    public static final String DEVICES = "auto, cpu, gpu, gpu:N";

    /** The command that configures a CUDA engine (run from the ginr-java folder). */
    public static final String CONFIGURE_GPU = "environment/setup.sh --gpu --libtorch DIR";

    /**
     * Why a GPU device cannot be used when the engine sees none, in one line: either the engine loaded is a CPU
     * build (the usual case: {@code pytorch-native-cpu} or a CPU libtorch), with the command that configures a CUDA
     * one, or it is a CUDA build that finds no GPU (driver, {@code CUDA_VISIBLE_DEVICES}).
     */
    static String noGpuMessage(String name) {
        String flavor = flavor();
        String loaded = "the PyTorch engine loaded is " + engine().getVersion() + ", flavour " + flavor;
        if (flavor.startsWith("cu")) {
            return "device '" + name + "' is not available: " + loaded + " (a CUDA build) but it sees no GPU; check "
                    + "nvidia-smi and CUDA_VISIBLE_DEVICES; allowed here: auto, cpu";
        }
        return "device '" + name + "' is not available: no CUDA engine is configured (" + loaded + "); configure one "
                + "with: " + CONFIGURE_GPU;
    }

    /**
     * The flavour of the loaded PyTorch native library as DJL names it: {@code PYTORCH_FLAVOR} where a libtorch was
     * configured ({@code PYTORCH_LIBRARY_PATH}), else the flavour of the bundled native jar ({@code cpu}).
     */
    public static String flavor() {
        String configured = ai.djl.util.Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return ai.djl.util.Platform.detectPlatform("pytorch").getFlavor();
        } catch (RuntimeException e) {
            return "unknown flavour";
        }
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
