package dev.ginr.notebook.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jupyter's standard kernel conformance suite (Debian's python3-jupyter-kernel-test), run against the real kernel
 * with Java snippets for every feature it checks (src/test/python/standard_suite_driver.py): at least 16 of its 17
 * checks pass, and the only one that does not is the pager, which Java notebooks have no use for.
 */
class StandardKernelSuiteTest {

    private static JsonObject report;

    @BeforeAll
    static void runTheSuite() throws Exception {
        report = JupyterDriver.runStandardSuite(JupyterDriver.installTestKernelspec());
        Files.writeString(Path.of("target", "standard-suite-report.json"), report.toString());
        System.out.println("standard kernel suite: " + report.get("passed") + " of " + report.get("total")
                + " checks pass (report: target/standard-suite-report.json)");
    }

    @Test
    void everyCheckButThePagerPasses() {
        JsonObject checks = report.getAsJsonObject("checks");
        assertEquals(17, checks.size(), checks.toString());
        for (Map.Entry<String, com.google.gson.JsonElement> e : checks.entrySet()) {
            String outcome = e.getValue().getAsJsonObject().get("outcome").getAsString();
            if (e.getKey().equals("pager")) {
                assertEquals("skip", outcome, "the pager has no Java sample: " + e.getValue());
            } else {
                assertEquals("pass", outcome, e.getKey() + ": " + e.getValue());
            }
        }
        assertTrue(report.get("passed").getAsInt() >= 16, report.toString());
    }
}
