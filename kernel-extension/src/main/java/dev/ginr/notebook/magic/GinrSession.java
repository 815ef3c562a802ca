package dev.ginr.notebook.magic;

import ai.djl.Device;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.experiment.ExperimentRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the magics share within one kernel: named configs, named runs, the chosen device and where data and runs
 * live. A plain Java cell reaches the same state through {@link #get()}.
 *
 * <p>Locations: data defaults to {@code $GINR_DATA}, else the offline photo crops ({@code data/offline-photos/32}
 * here or one folder up); run folders go under {@code $GINR_RUNS}, else {@code runs/} in the working directory.
 * Nothing here touches the engine until a device is resolved.
 */
public final class GinrSession {

    private static final GinrSession INSTANCE = new GinrSession();

    private final Map<String, NamedConfig> configs = new LinkedHashMap<>();
    private final Map<String, SessionRun> runs = new LinkedHashMap<>();
    private String deviceName = "auto";
    private Device device;

    /** The session of this kernel. */
    public static GinrSession get() {
        return INSTANCE;
    }

    /** A fresh session (tests). */
    static GinrSession create() {
        return new GinrSession();
    }

    public synchronized void putConfig(NamedConfig c) {
        configs.put(c.name(), c);
    }

    /** The config stored under {@code name}, else the shipped preset of that name. */
    public synchronized NamedConfig config(String name) {
        NamedConfig c = configs.get(name);
        if (c != null) {
            return c;
        }
        if (Presets.names().contains(name)) {
            return NamedConfig.preset(name);
        }
        throw new IllegalArgumentException("no config named '" + name + "'; define it with a %%ginr_config " + name
                + " cell, or use a preset: " + String.join(", ", Presets.names())
                + (configs.isEmpty() ? "" : "; configs so far: " + String.join(", ", configs.keySet())));
    }

    /** Stores a run under its name, closing a different run stored under the same name before. */
    public synchronized void putRun(SessionRun r) {
        SessionRun old = runs.put(r.run().name(), r);
        if (old != null && old.run() != r.run()) {
            old.run().close();
        }
    }

    /** The run stored under {@code nameOrFolder}, else the run whose checkpoint is in that folder (then stored). */
    public synchronized SessionRun run(String nameOrFolder) {
        SessionRun r = runs.get(nameOrFolder);
        if (r != null) {
            return r;
        }
        Path dir = Path.of(nameOrFolder);
        if (Files.isRegularFile(dir.resolve(ExperimentRun.CHECKPOINT)) || Files.isRegularFile(dir)) {
            SessionRun loaded = new SessionRun(ExperimentRun.load(dir, device()), null, null, null);
            putRun(loaded);
            return loaded;
        }
        throw new IllegalArgumentException("no run named '" + nameOrFolder + "' in this session"
                + (runs.isEmpty() ? "" : " (runs: " + String.join(", ", runs.keySet()) + ")")
                + ", and no run folder with a " + ExperimentRun.CHECKPOINT + " at " + dir.toAbsolutePath());
    }

    public synchronized Map<String, SessionRun> runs() {
        return Map.copyOf(runs);
    }

    public synchronized Map<String, NamedConfig> configs() {
        return Map.copyOf(configs);
    }

    /** Chooses the device for runs made from now on: auto, cpu, gpu or gpu:N (checked against the engine). */
    public synchronized Device useDevice(String name) {
        Device d = GinrEngine.device(name);
        deviceName = name;
        device = d;
        return d;
    }

    /** The device runs are made on (resolving "auto" starts the engine). */
    public synchronized Device device() {
        if (device == null) {
            device = GinrEngine.device(deviceName);
        }
        return device;
    }

    public synchronized String deviceName() {
        return deviceName;
    }

    /** Where image data is read from when a magic is given no --data: $GINR_DATA, else the offline photo crops. */
    public Path defaultData() {
        return defaultData(null);
    }

    /**
     * Where data for {@code spec} is read from when a magic is given no --data: $GINR_DATA when set, else the offline
     * set of the spec's kind (data/offline-photos/32, data/offline-speech/1s or /3s by clip length,
     * data/offline-scenes), found in the working folder or its parent (a notebook's folder). Null spec: images.
     */
    public Path defaultData(ExperimentSpec spec) {
        String env = System.getenv("GINR_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return offlineSet(spec == null || spec.dataset().isImage() ? Path.of("offline-photos", "32")
                : spec.dataset().isScene() ? Path.of("offline-scenes")
                : Path.of("offline-speech", Math.max(1, Math.round(spec.dataset().clipSeconds())) + "s"));
    }

    /** {@code data/<set>} in the working folder, or in its parent (a notebook's folder) when only that one exists. */
    static Path offlineSet(Path set) {
        Path here = Path.of("data").resolve(set);
        Path up = Path.of("..", "data").resolve(set);
        return Files.isDirectory(here) || !Files.isDirectory(up) ? here : up;
    }

    /** The folder under which run folders are made when a magic is given no --out. */
    public Path runsRoot() {
        String env = System.getenv("GINR_RUNS");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("runs");
    }
}
