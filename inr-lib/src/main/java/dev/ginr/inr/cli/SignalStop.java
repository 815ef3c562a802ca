package dev.ginr.inr.cli;

import dev.ginr.inr.train.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP while {@code ginr train} or {@code ginr fit} runs. The first one raises a
 * {@link StopRequest}: the training ends at its next step boundary (and writes its checkpoint). A second one ends the
 * process at once with the operating system's default action for it (exit status 128 + signal number, no
 * checkpoint; the last one written stays intact). Every other command quits at once on the first signal
 * ({@link #quitAtOnce()}).
 *
 * <p>Why not the JVM's own handling: on these signals it runs its shutdown and exits while a thread is still inside
 * libtorch, and the native library's teardown under a running computation crashes the JVM (SIGSEGV, an hs_err
 * file). With the default action the kernel ends the process without running any native teardown.
 */
final class SignalStop implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    private final StopRequest request = new StopRequest();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    /** What the first signal's message says: who stops, and whether a checkpoint is written. */
    private final String stopping;
    private volatile Signal received;

    private SignalStop(String command, boolean checkpoints) {
        this.stopping = command + ": %s received: stopping after this step" + (checkpoints ? " to write a checkpoint"
                : "") + " (%s again quits at once" + (checkpoints ? ", without one)" : ")");
    }

    /** For the whole process (the command line's main): each of the signals ends it at once, as a second would. */
    static void quitAtOnce() {
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            if (Signal.handle(signal, SignalStop::quitNow) == SignalHandler.SIG_IGN) {
                Signal.handle(signal, SignalHandler.SIG_IGN);
            }
        }
    }

    /**
     * Takes over the signals; {@link #close()} gives them back.
     *
     * @param command     names the program in messages (on standard error)
     * @param checkpoints whether the stopped work writes a checkpoint (said in the message)
     */
    static SignalStop install(String command, boolean checkpoints) {
        SignalStop s = new SignalStop(command, checkpoints);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            SignalHandler old = Signal.handle(signal, s::handle);
            if (old == SignalHandler.SIG_IGN) {
                Signal.handle(signal, SignalHandler.SIG_IGN); // e.g. SIGHUP under nohup: stays ignored
            } else {
                s.previous.put(signal, old);
            }
        }
        return s;
    }

    private synchronized void handle(Signal signal) {
        if (received != null) {
            quitNow(signal);
            return;
        }
        received = signal;
        System.err.println();
        System.err.printf(stopping + "%n", "SIG" + signal.getName(), signal.getName().equals("INT") ? "Ctrl-C"
                : "the signal");
        request.request("SIG" + signal.getName());
    }

    /**
     * Ends the process with the operating system's default action for {@code signal}: the handler goes back to the
     * default and the signal is sent again (Signal.raise only reaches Java handlers). Should that fail, the JVM halts
     * without its shutdown hooks.
     */
    private static void quitNow(Signal signal) {
        Signal.handle(signal, SignalHandler.SIG_DFL);
        try {
            new ProcessBuilder("kill", "-" + signal.getName(), Long.toString(ProcessHandle.current().pid()))
                    .start().waitFor();
            Thread.sleep(5_000); // the signal ends the process meanwhile
        } catch (java.io.IOException e) {
            // no kill(1) here: halt below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(128 + signal.getNumber());
    }

    StopRequest request() {
        return request;
    }

    /** "SIGINT", "SIGTERM" or "SIGHUP" once one arrived, else null. */
    String received() {
        Signal s = received;
        return s == null ? null : "SIG" + s.getName();
    }

    /** The conventional exit status after a signal: 128 + its number. */
    int exitStatus() {
        Signal s = received;
        return s == null ? 1 : 128 + s.getNumber();
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
