package dev.ginr.inr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code ginr} as a real child process (a JVM started with the test class path), for what only a process shows:
 * signals, exit statuses, output written by native code, locks between processes. One engine thread, so runs are
 * deterministic and kind to a shared machine.
 */
final class GinrProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private GinrProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /** Starts {@code ginr args...} in {@code workDir}. */
    static GinrProcess start(Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-cp", classPath(), Ginr.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return new GinrProcess(pb.start());
    }

    /** Runs {@code ginr args...} to its end (at most {@code seconds}). */
    static GinrProcess run(Path workDir, int seconds, String... args) throws Exception {
        GinrProcess p = start(workDir, args);
        p.waitFor(seconds);
        return p;
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static void pump(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }

    long pid() {
        return process.pid();
    }

    /** Waits until a line of standard output matches (at most {@code seconds}); returns it. */
    String awaitOut(Predicate<String> matches, int seconds) throws InterruptedException {
        return await(out, matches, seconds);
    }

    /** Waits until a line of standard error matches (at most {@code seconds}); returns it. */
    String awaitErr(Predicate<String> matches, int seconds) throws InterruptedException {
        return await(err, matches, seconds);
    }

    private String await(List<String> lines, Predicate<String> matches, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (matches.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && lines.stream().noneMatch(matches)) {
                    throw new AssertionError("no matching line within " + seconds + " s; out: " + out() + "\nerr: "
                            + err());
                }
                lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Sends {@code signal} (INT, TERM, ...) with kill(1), as a terminal or a service manager would. */
    void signal(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
    }

    /** Waits for the end (at most {@code seconds}) and returns the exit status (128 + n after signal n). */
    int waitFor(int seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ginr did not end within " + seconds + " s; out: " + out() + "\nerr: " + err());
        }
        Thread.sleep(100); // let the pumps read the last lines
        return process.exitValue();
    }

    String out() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    String err() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
