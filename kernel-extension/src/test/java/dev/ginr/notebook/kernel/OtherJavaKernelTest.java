package dev.ginr.notebook.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel on a second Java, 20 or later, where {@code Thread.stop} throws (the build accepts 17 and later):
 * a runaway cell is stopped by force, the standard kernel suite passes as on 17, and the quickstart executes
 * unchanged. The Java is {@code $GINR_TEST_OTHER_JAVA_HOME}, else the newest JDK under /usr/lib/jvm (Temurin 25
 * on our machines); the test says so and is skipped where there is none.
 */
class OtherJavaKernelTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void runawayCellsStopAndTheStandardSuiteAndTheQuickstartPassOnJava20Plus() throws Exception {
        Optional<Path> home = otherJava();
        Assumptions.assumeTrue(home.isPresent(), "no JDK 20 or later under /usr/lib/jvm and no"
                + " GINR_TEST_OTHER_JAVA_HOME: the kernel was tested on " + Runtime.version() + " only");
        JupyterDriver.requireJupyter();
        Path jupyterPath = JupyterDriver.installTestKernelspec(home.get());
        System.out.println("kernel on " + home.get());

        JsonObject stops = JupyterDriver.run(jupyterPath, "interrupt_driver.py", 300, Map.of(
                "PYTHONPATH", Path.of("src", "test", "python").toAbsolutePath().toString()), JupyterDriver.KERNEL_NAME);
        assertTrue(Integer.parseInt(stops.get("java").getAsString()) >= 20, stops.toString());
        for (String cell : List.of("busy", "swallowing", "sleep")) {
            JsonObject c = stops.getAsJsonObject(cell);
            assertEquals("CellInterrupted", c.get("ename").getAsString(), cell + ": " + stops);
            assertTrue(c.get("seconds").getAsDouble() < 15, cell + " stops within the grace periods: " + stops);
        }
        assertEquals("42", stops.get("after").getAsString(), stops.toString());

        JsonObject suite = JupyterDriver.runStandardSuite(jupyterPath);
        for (Map.Entry<String, JsonElement> e : suite.getAsJsonObject("checks").entrySet()) {
            String outcome = e.getValue().getAsJsonObject().get("outcome").getAsString();
            assertEquals(e.getKey().equals("pager") ? "skip" : "pass", outcome, e.getKey() + ": " + e.getValue());
        }

        Path data = TrainingInterruptTest.photos();
        JsonObject notebooks = JupyterDriver.run(jupyterPath, "notebook_driver.py", 1800,
                NotebookExecutionTest.tinyBudget(data, Files.createTempDirectory("ginr-other-java-runs-")),
                JupyterDriver.KERNEL_NAME, Path.of("target", "executed-notebooks-other-java").toAbsolutePath()
                        .toString(), REPO.resolve("notebooks/01-quickstart.ipynb").toString());
        JsonObject qs = notebooks.getAsJsonObject("01-quickstart.ipynb");
        assertTrue(qs.get("failure").isJsonNull(), qs.get("failure").toString());
        assertEquals(0, qs.getAsJsonArray("errors").size(), qs.get("errors").toString());
        assertTrue(qs.get("fit_psnr").getAsDouble() > NotebookExecutionTest.QUICKSTART_PSNR_FLOOR_DB, qs.toString());
    }

    /** $GINR_TEST_OTHER_JAVA_HOME, else the newest JDK of version 20 or later under /usr/lib/jvm. */
    static Optional<Path> otherJava() throws IOException {
        String env = System.getenv("GINR_TEST_OTHER_JAVA_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin/java")) && featureVersion(p) >= 20)
                    .max((a, b) -> Integer.compare(featureVersion(a), featureVersion(b)));
        }
    }

    /** The feature version in {@code home/release} (JAVA_VERSION="25.0.3"), or 0. */
    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
