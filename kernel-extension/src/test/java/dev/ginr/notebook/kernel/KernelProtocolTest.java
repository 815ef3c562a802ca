package dev.ginr.notebook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's behaviour as a Jupyter client sees it: one real kernel process, driven through jupyter_client by
 * src/test/python/kernel_protocol_driver.py, which records every reply; the tests below assert on that record.
 */
class KernelProtocolTest {

    /** Acceptance: kernel_info answered this fast after the kernel process is started. */
    static final double MAX_STARTUP_SECONDS = 5.0;

    private static JsonObject report;

    @BeforeAll
    static void driveKernel() throws Exception {
        JupyterDriver.requireJupyter();
        Path jupyterPath = JupyterDriver.installTestKernelspec();
        report = JupyterDriver.run(jupyterPath, "kernel_protocol_driver.py", 900, Map.of(),
                JupyterDriver.KERNEL_NAME);
        java.nio.file.Files.writeString(Path.of("target", "kernel-protocol-report.json"), report.toString());
        System.out.println("kernel protocol report: startup " + report.get("startup_seconds") + " s, 200 cells in "
                + report.getAsJsonObject("many").get("seconds") + " s");
    }

    @Test
    void kernelInfoIsAnsweredWithinFiveSeconds() {
        double startup = report.get("startup_seconds").getAsDouble();
        assertTrue(startup < MAX_STARTUP_SECONDS, "kernel_info took " + startup + " s");
    }

    @Test
    void kernelInfoHasStatusLanguageJavaAndExtensionJava() {
        JsonObject info = report.getAsJsonObject("kernel_info");
        assertEquals("ok", info.get("status").getAsString(), info.toString());
        assertEquals("java", info.get("language").getAsString(), info.toString());
        assertEquals(".java", info.get("file_extension").getAsString(), info.toString());
    }

    @Test
    void historyAnswersTailWithOutputRangeAndSearch() {
        JsonObject reply = report.getAsJsonObject("history_tail");
        assertEquals("ok", reply.get("status").getAsString(), reply.toString());
        JsonArray tail = reply.getAsJsonArray("history").get(0).getAsJsonArray();
        int count = report.get("history_marker_count").getAsInt();
        assertEquals(count, tail.get(1).getAsInt(), tail.toString());
        assertEquals("\"history-\" + \"marker\"", tail.get(2).getAsJsonArray().get(0).getAsString());
        assertEquals("history-marker", tail.get(2).getAsJsonArray().get(1).getAsString());
        JsonArray range = report.getAsJsonArray("history_range");
        assertEquals(1, range.size(), range.toString());
        assertEquals(count, range.get(0).getAsJsonArray().get(1).getAsInt());
        JsonArray found = report.getAsJsonArray("history_search");
        assertEquals(1, found.size(), "unique search finds the one cell: " + found);
        assertEquals(count, found.get(0).getAsJsonArray().get(1).getAsInt());
    }

    @Test
    void clearOutputFromJavaWithAndWithoutWait() {
        JsonObject now = report.getAsJsonObject("clear_now");
        assertEquals("ok", now.get("status").getAsString(), now.toString());
        String order = now.getAsJsonArray("outputs").asList().stream()
                .map(o -> o.getAsJsonObject().get("type").getAsString()).toList().toString();
        assertEquals("[stream, clear_output, stream]", order, now.toString());
        assertTrue(!output(now, "clear_output").get("wait").getAsBoolean());
        assertTrue(output(report.getAsJsonObject("clear_wait"), "clear_output").get("wait").getAsBoolean());
    }

    @Test
    void completionOffersNamesDeclaredEarlierInTheSameCell() {
        JsonObject c = report.getAsJsonObject("complete_same_cell");
        assertTrue(contains(c.getAsJsonArray("matches"), "length()"), c.toString());
        assertEquals(c.get("code_length").getAsInt() - "leng".length(), c.get("start").getAsInt(), c.toString());
        assertEquals(c.get("code_length").getAsInt(), c.get("end").getAsInt());
    }

    @Test
    void aFailedCellAbortsTheCellsQueuedBehindItWhenStopOnError() {
        assertEquals("[\"error\",\"aborted\",\"aborted\"]", report.get("stop_on_error").toString());
        assertEquals("42", report.get("after_abort").getAsString());
        assertEquals(20, report.getAsJsonArray("sent_after_failure").asList().stream()
                .filter(s -> s.getAsString().equals("ok")).count(), report.get("sent_after_failure").toString());
        assertEquals("[\"error\",\"ok\"]", report.get("no_stop_on_error").toString());
    }

    @Test
    void silentRequestsPublishNoInputOrResultAndKeepTheCount() {
        JsonObject silent = report.getAsJsonObject("silent");
        assertEquals("ok", silent.get("status").getAsString(), silent.toString());
        assertEquals("[\"status\"]", silent.get("types").toString(), "only busy: " + silent);
        assertEquals(1, silent.get("count_step").getAsInt(), silent.toString());
    }

    @Test
    void engineLoadsOnFirstUseNotAtStart() {
        assertEquals("false", report.get("torch_loaded_at_start").getAsString());
        assertEquals("true", report.get("torch_loaded_after_use").getAsString());
    }

    @Test
    void lastExpressionIsTheCellValueAndDeclarationsShowNothing() {
        assertEquals("42", report.get("expression").getAsString());
        assertEquals(0, report.getAsJsonArray("statement_value").size());
    }

    @Test
    void bufferedImageValueRendersAsPng() {
        JsonObject result = output(report.getAsJsonObject("image"), "execute_result");
        assertTrue(result.getAsJsonObject("data").has("image/png"), result.toString());
    }

    @Test
    void displayHelperSendsDisplayDataAndStreamsStdout() {
        JsonObject cell = report.getAsJsonObject("display");
        assertTrue(output(cell, "display_data").getAsJsonObject("data").has("image/png"));
        assertTrue(output(cell, "stream").get("text").getAsString().contains("after display"));
    }

    @Test
    void defaultImportsCoverGinrTablesawAndXChart() {
        assertEquals("t|XYChart|dev.ginr.inr.nn.ModulatedMlp", report.get("imports").getAsString());
    }

    @Test
    void extensionsOnTheClassPathAreInstalledAtStartup() {
        JsonObject cell = report.getAsJsonObject("extension");
        assertEquals("ok", cell.get("status").getAsString(), cell.toString());
        assertTrue(output(cell, "stream").get("text").getAsString().contains("probe extension installed"));
    }

    @Test
    void completionOffersTheModulatedMlp() {
        JsonObject c = report.getAsJsonObject("complete");
        assertTrue(contains(c.getAsJsonArray("matches"), "ModulatedMlp"), c.toString());
        assertEquals(0, c.get("start").getAsInt());
        assertEquals(10, c.get("end").getAsInt());
        JsonObject second = report.getAsJsonObject("complete_second_line");
        assertTrue(contains(second.getAsJsonArray("matches"), "InstanceFitter"), second.toString());
        assertEquals(11, second.get("start").getAsInt());
    }

    @Test
    void inspectionDescribesAGinrType() {
        JsonObject i = report.getAsJsonObject("inspect");
        assertTrue(i.get("found").getAsBoolean(), i.toString());
        assertTrue(i.getAsJsonObject("data").get("text/plain").getAsString().contains("dev.ginr.inr.nn.ModulatedMlp"),
                i.toString());
    }

    @Test
    void openBraceIsIncompleteAndAStatementIsComplete() {
        JsonObject c = report.getAsJsonObject("is_complete");
        assertEquals("incomplete", c.getAsJsonObject("open_brace").get("status").getAsString());
        assertEquals("complete", c.getAsJsonObject("complete").get("status").getAsString());
    }

    @Test
    void compileErrorNamesTheLineAndTheMessage() {
        JsonObject cell = report.getAsJsonObject("compile_error");
        assertEquals("error", cell.get("status").getAsString());
        assertEquals("CompilationError", cell.get("ename").getAsString());
        assertTrue(cell.get("evalue").getAsString().startsWith("line 2: cannot find symbol"), cell.toString());
        String trace = output(cell, "error").get("traceback").toString();
        assertTrue(trace.contains("int bad = undefinedThing + 1;"), trace);
    }

    @Test
    void runtimeErrorShowsTheExceptionAndATrimmedTrace() {
        JsonObject cell = report.getAsJsonObject("runtime_error");
        assertEquals("error", cell.get("status").getAsString());
        assertTrue(cell.get("evalue").getAsString().contains("java.lang.IllegalStateException: boom"),
                cell.toString());
        String trace = output(cell, "error").get("traceback").toString();
        assertTrue(trace.contains("explode"), trace);
        assertTrue(!trace.contains("jdk.internal.reflect") && !trace.contains("dev.ginr.notebook.kernel"), trace);
    }

    @Test
    void interruptStopsABusyLoopAndASleepAndTheKernelLivesOn() {
        JsonObject busy = report.getAsJsonObject("interrupt_busy");
        assertEquals("error", busy.get("status").getAsString());
        assertEquals("CellInterrupted", busy.get("ename").getAsString());
        assertTrue(busy.get("seconds").getAsDouble() < 10, busy.toString());
        JsonObject sleep = report.getAsJsonObject("interrupt_sleep");
        assertEquals("CellInterrupted", sleep.get("ename").getAsString());
        assertTrue(sleep.get("seconds").getAsDouble() < 1.5, "a sleeping cell stops at once: " + sleep);
        assertEquals("42", report.get("after_interrupt").getAsString());
    }

    @Test
    void twoHundredCellsKeepTheKernelResponsiveWithoutNativeGrowth() {
        JsonObject many = report.getAsJsonObject("many");
        assertEquals(0, many.getAsJsonArray("failures").size(), many.toString());
        assertTrue(Integer.parseInt(report.get("live_before").getAsString()) >= 1, "the kept array must be counted");
        assertEquals(report.get("live_before").getAsString(), report.get("live_after").getAsString());
        assertTrue(report.get("kernel_info_after_many_seconds").getAsDouble() < 2.0);
    }

    private static JsonObject output(JsonObject cell, String type) {
        for (JsonElement e : cell.getAsJsonArray("outputs")) {
            if (e.getAsJsonObject().get("type").getAsString().equals(type)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + type + " output in " + cell);
    }

    private static boolean contains(JsonArray a, String s) {
        for (JsonElement e : a) {
            if (e.getAsString().equals(s)) {
                return true;
            }
        }
        return false;
    }
}
