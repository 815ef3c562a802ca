package dev.ginr.notebook.magic;

import ai.djl.engine.Engine;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.train.TrainingResult;
import dev.ginr.notebook.display.DisplaySink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code %ginr}: versions, device, threads, and where data and runs live. Starts the engine to report on it. */
public final class InfoMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr", "", 0, 0,
            "Shows the versions of ginr-java, Java, DJL and PyTorch, the device runs are made on, the CPU threads, "
                    + "the default data folder, the run folder root, and the configs and runs of this session.",
            List.of());

    public InfoMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) {
        String text = text();
        sink.display(new DisplayData(text));
        return text;
    }

    String text() {
        Engine engine = GinrEngine.engine();
        String version = InfoMagic.class.getPackage().getImplementationVersion();
        StringBuilder s = new StringBuilder("ginr-java ").append(version == null ? "(development build)" : version)
                .append(" | Java ").append(Runtime.version()).append(" | DJL ").append(Engine.getDjlVersion())
                .append(" | ").append(engine.getEngineName()).append(' ').append(engine.getVersion());
        s.append("\ndevice: ").append(session.device()).append(" (chosen: ").append(session.deviceName())
                .append("; GPUs seen: ").append(engine.getGpuCount()).append(")");
        s.append("\nthreads: ").append(Runtime.getRuntime().availableProcessors()).append(" CPU cores")
                .append(torchThreads()).append("; ").append(dev.ginr.inr.OpenMpWaitPolicy.describe())
                .append("; ").append(dev.ginr.inr.train.CoreSharing.describe());
        s.append("\ndata (when a magic is given no --data): ").append(where(session.defaultData(), "GINR_DATA"));
        if (System.getenv("GINR_DATA") == null) { // each kind has its own offline set
            s.append("; audio ").append(where(GinrSession.offlineSet(Path.of("offline-speech", "1s")), null))
                    .append(" (1 s clips); scenes ").append(where(GinrSession.offlineSet(Path.of("offline-scenes")),
                            null));
        }
        s.append("\nruns: ").append(where(session.runsRoot(), "GINR_RUNS"));
        s.append("\nconfigs: ").append(session.configs().isEmpty() ? "none yet (presets: image-32-small, ...)"
                : String.join(", ", session.configs().keySet()));
        s.append("\nruns in this session: ").append(session.runs().isEmpty() ? "none yet" : "");
        session.runs().values().stream().sorted(java.util.Comparator.comparing(r -> r.run().name()))
                .forEach(r -> s.append("\n  ").append(describe(r)));
        return s.toString();
    }

    /** "long: interrupted at step 137; checkpoint runs/long/checkpoint.safetensors (step 137)" */
    static String describe(SessionRun r) {
        TrainingResult t = r.run().result();
        if (t == null) {
            return r.run().name() + ": loaded from a checkpoint";
        }
        boolean interrupted = t.stopReason().equals("interrupted");
        String state = t.completed() ? "completed, " + t.stepsDone() + " steps"
                : interrupted ? "interrupted at step " + t.stepsDone() : t.stopReason();
        String checkpoint = t.lastCheckpoint() == null ? "; no checkpoint" : "; checkpoint " + t.lastCheckpoint()
                + (t.completed() || interrupted ? " (step " + t.stepsDone() + ")" : "");
        return r.run().name() + ": " + state + checkpoint;
    }

    private static String torchThreads() {
        try {
            return "; PyTorch intra-op threads " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + ", inter-op "
                    + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** The folder, whether it exists, and whether {@code env} (when not null) chose it. */
    private static String where(Path p, String env) {
        String state = Files.isDirectory(p) ? "" : " (does not exist yet)";
        return p.toAbsolutePath().normalize() + state + (env == null ? "" : " [" + env
                + (System.getenv(env) == null ? " not set]" : " set]"));
    }
}
