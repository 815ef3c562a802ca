package dev.ginr.notebook.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python test driver (Jupyter's own client, from the distribution's packages) against the real kernel and
 * returns the JSON object it prints last. The kernel is installed as a kernelspec in a private JUPYTER_PATH that
 * starts {@link KernelMain} on this test's class path, so the user's own Jupyter set-up is neither needed nor
 * touched. A missing Jupyter fails the test with the command that installs it; nothing is skipped.
 */
final class JupyterDriver {

    static final String PYTHON = "/usr/bin/python3";
    static final String KERNEL_NAME = "ginr-test";

    private JupyterDriver() {}

    /** Fails with a clear message unless Debian's python3 has jupyter_client, nbclient, nbformat, the kernel suite. */
    static void requireJupyter() throws Exception {
        String missing = "Jupyter is not installed for " + PYTHON + " (need python3-jupyter-client, python3-nbclient,"
                + " python3-nbformat, python3-jupyter-kernel-test). Run environment/setup.sh first.";
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(missing + " (" + PYTHON + " not found)");
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import jupyter_client, nbclient, nbformat, jupyter_kernel_test")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(missing + "\n" + out);
        }
    }

    /** Runs Jupyter's standard kernel suite against the test kernelspec in {@code jupyterPath}. */
    static JsonObject runStandardSuite(Path jupyterPath) throws Exception {
        requireJupyter();
        return run(jupyterPath, "standard_suite_driver.py", 900, Map.of(), KERNEL_NAME);
    }

    /** A JUPYTER_PATH folder holding the test kernelspec, on the Java running the tests. */
    static Path installTestKernelspec() throws IOException {
        return installTestKernelspec(Path.of(System.getProperty("java.home")));
    }

    /** A JUPYTER_PATH folder holding the test kernelspec, on the Java installed at {@code javaHome}. */
    static Path installTestKernelspec(Path javaHome) throws IOException {
        Path jupyterPath = Files.createTempDirectory("ginr-jupyter-path-");
        String java = javaHome.resolve("bin").resolve("java").toString();
        List<Path> cp = Arrays.stream(testClassPath().split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).toList();
        KernelspecWriter.write(jupyterPath.resolve("kernels").resolve(KERNEL_NAME), java, List.of(), cp,
                "Java (GINR test)");
        return jupyterPath;
    }

    /** Surefire hands the forked JVM a manifest-only jar; the real test class path is in this property. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Runs {@code script} with {@code args}; returns the JSON object on its last output line. */
    static JsonObject run(Path jupyterPath, String script, long timeoutSeconds, Map<String, String> env,
                          String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-Xfrozen_modules=off", script(script).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        pb.environment().putAll(env);
        Path log = Files.createTempFile("ginr-driver-", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(script + " timed out after " + timeoutSeconds + " s; output:\n" + tail(log));
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (p.exitValue() != 0 || !last.startsWith("{")) {
            throw new AssertionError(script + " failed (exit " + p.exitValue() + "); output:\n" + tail(log));
        }
        return JsonParser.parseString(last).getAsJsonObject();
    }

    private static Path script(String name) {
        Path p = Path.of("src", "test", "python", name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("test driver " + p.toAbsolutePath() + " is missing");
        }
        return p.toAbsolutePath();
    }

    private static String tail(Path log) throws IOException {
        String s = Files.readString(log, StandardCharsets.UTF_8);
        return s.length() > 8000 ? s.substring(s.length() - 8000) : s;
    }
}
