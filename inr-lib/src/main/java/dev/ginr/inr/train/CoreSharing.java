package dev.ginr.inr.train;

import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Gives cores back while other processes need them: during training, every couple of seconds, measures how many
 * cores the rest of the machine kept busy; above half a core, libtorch's intra-op threads drop to one, and below a
 * quarter of a core they return to the engine's full count.
 *
 * <p>Why: at the small presets a step is hundreds of small operations, each a parallel region whose worker threads
 * must be woken. On a machine to itself, waking is cheapest when the workers spin briefly (the launcher's
 * {@code GOMP_SPINCOUNT}), but beside another busy process two threads per process on two cores take turns at the
 * scheduler's pace. One thread per process has no wake-ups at all, so a second training run costs each about its
 * share of the cores and no more.
 *
 * <p>It acts only where it can measure (Linux {@code /proc/stat} listing exactly the cores this JVM may use, so a
 * container's share of a larger host never reads as "busy"), on the CPU engine, with more than one intra-op thread,
 * and not when the user fixed the thread count ({@link #pinThreads()}).
 */
public final class CoreSharing implements AutoCloseable {

    /** Other processes' load, in cores, above which the intra-op threads drop to one. */
    static final double BUSY_CORES = 0.5;
    /** Other processes' load, in cores, below which the full thread count returns. */
    static final double QUIET_CORES = 0.25;
    /** Seconds between two measurements. */
    static final double WINDOW_SECONDS = 2.0;

    private static volatile boolean pinned;

    /** What the governor reads: cumulative seconds, all monotonic. */
    interface CpuClock {
        /** Wall-clock seconds. */
        double wall();

        /** CPU seconds all processes on the machine's cores have used (busy, not idle or waiting on I/O). */
        double machineBusy();

        /** CPU seconds this process has used. */
        double own();
    }

    private final CpuClock clock;
    private final IntConsumer setThreads;
    private final int fullThreads;
    private int threads;
    private double lastWall;
    private double lastBusy;
    private double lastOwn;
    private int drops;

    CoreSharing(CpuClock clock, int fullThreads, IntConsumer setThreads) {
        this.clock = clock;
        this.fullThreads = fullThreads;
        this.threads = fullThreads;
        this.setThreads = setThreads;
        this.lastWall = clock.wall();
        this.lastBusy = clock.machineBusy();
        this.lastOwn = clock.own();
    }

    /**
     * A governor for training on {@code device}, or null where it does not act (see the class comment); the caller
     * calls {@link #afterStep()} after each step and closes it when training stops.
     */
    public static CoreSharing forTraining(ai.djl.Device device) {
        if (pinned || device == null || !ai.djl.Device.Type.CPU.equals(device.getDeviceType())
                || ProcStat.CLOCK == null) {
            return null;
        }
        dev.ginr.inr.GinrEngine.engine(); // libtorch loaded before its thread count is read
        int full = JniUtils.getNumThreads();
        return full > 1 ? new CoreSharing(ProcStat.CLOCK, full, JniUtils::setNumThreads) : null;
    }

    /** This machine's clock, or null where other processes' load cannot be measured. */
    static CpuClock machineClock() {
        return ProcStat.CLOCK;
    }

    /** Keeps the intra-op thread count as it is from now on (a user's explicit choice, e.g. {@code --threads}). */
    public static void pinThreads() {
        pinned = true;
    }

    /** One line for {@code %ginr} and {@code ginr bench}. */
    public static String describe() {
        if (pinned) {
            return "core sharing off: the intra-op thread count was fixed by the user";
        }
        if (ProcStat.CLOCK == null) {
            return "core sharing off: /proc/stat does not list exactly this process's cores, so other processes' "
                    + "load cannot be measured";
        }
        return "core sharing on: training drops to 1 intra-op thread while other processes keep more than "
                + BUSY_CORES + " core busy, and returns to all below " + QUIET_CORES;
    }

    /** Measures once the window has passed and switches the thread count if the machine's load asks for it. */
    public void afterStep() {
        double wall = clock.wall();
        double elapsed = wall - lastWall;
        if (elapsed < WINDOW_SECONDS) {
            return;
        }
        double busy = clock.machineBusy();
        double own = clock.own();
        double others = ((busy - lastBusy) - (own - lastOwn)) / elapsed; // cores kept busy by other processes
        lastWall = wall;
        lastBusy = busy;
        lastOwn = own;
        if (threads == fullThreads && others > BUSY_CORES) {
            set(1);
            drops++;
        } else if (threads == 1 && others < QUIET_CORES) {
            set(fullThreads);
        }
    }

    /** The intra-op thread count now. */
    public int threads() {
        return threads;
    }

    /** How many times training dropped to one thread. */
    public int drops() {
        return drops;
    }

    private void set(int n) {
        setThreads.accept(n);
        threads = n;
    }

    /** Returns the engine to its full thread count. */
    @Override
    public void close() {
        if (threads != fullThreads) {
            set(fullThreads);
        }
    }

    /** The Linux clock: {@code /proc/stat}'s aggregate line and the JVM's process CPU time. */
    private static final class ProcStat implements CpuClock {
        private static final Path STAT = Path.of("/proc/stat");
        private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture we run on
        static final CpuClock CLOCK = open();

        private final com.sun.management.OperatingSystemMXBean os;

        private ProcStat(com.sun.management.OperatingSystemMXBean os) {
            this.os = os;
        }

        private static CpuClock open() {
            try {
                List<String> lines = Files.readAllLines(STAT);
                long cores = lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
                if (cores != Runtime.getRuntime().availableProcessors()
                        || !(ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os)) {
                    return null;
                }
                ProcStat clock = new ProcStat(os);
                return clock.machineBusy() >= 0 && clock.own() >= 0 ? clock : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public double wall() {
            return System.nanoTime() / 1e9;
        }

        @Override
        public double machineBusy() {
            try (var lines = Files.lines(STAT)) {
                // cpu user nice system idle iowait irq softirq [steal ...]: this machine's processes, not the host's
                String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length && i <= 7; i++) {
                    if (i != 4 && i != 5) { // not idle, not iowait
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy / TICKS_PER_SECOND;
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public double own() {
            return os.getProcessCpuTime() / 1e9;
        }
    }
}
