package dev.ginr.notebook.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelspecWriterTest {

    @Test
    void kernelJsonStartsKernelMainWithTheArgFile(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("own.jar"), "not really a jar");
        Path dest = KernelspecWriter.write(dir.resolve("kernels/ginr"), "/usr/bin/java", List.of(jar), List.of(),
                "Java (GINR)");
        JsonObject spec = JsonParser.parseString(Files.readString(dest.resolve("kernel.json"))).getAsJsonObject();
        assertEquals("[\"/usr/bin/java\",\"@{resource_dir}/jvm.args\",\"" + KernelMain.class.getName()
                + "\",\"{connection_file}\"]", spec.get("argv").toString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        // the wait policy reaches the kernel only through the kernelspec's env: it must be set before libtorch loads
        assertEquals("PASSIVE", spec.getAsJsonObject("env").get("OMP_WAIT_POLICY").getAsString());
        String args = Files.readString(dest.resolve("jvm.args"));
        assertTrue(args.contains(dest.resolve("lib").resolve("0-own.jar").toString()), args);
        assertTrue(args.contains("-Dai.djl.offline=true"), args);
    }

    @Test
    void withoutAPolicyInTheInstallingShellTheKernelSpinsBrieflyThenSleeps() {
        assertEquals(Map.entry("GOMP_SPINCOUNT", "10000"), KernelspecWriter.waitSetting(null, null));
        assertEquals(Map.entry("GOMP_SPINCOUNT", "500"), KernelspecWriter.waitSetting(null, " 500 "));
        assertEquals(Map.entry("OMP_WAIT_POLICY", "PASSIVE"), KernelspecWriter.waitSetting("PASSIVE", "500"));
    }

    @Test
    void theGpuEnvFileOfSetupReachesTheKernelsEnvironment(@TempDir Path dir) throws Exception {
        Path env = Files.writeString(dir.resolve("gpu.env"), "# Written by environment/setup.sh --gpu\n"
                + "PYTORCH_LIBRARY_PATH='/opt/py torch/lib'\nPYTORCH_VERSION='2.7.1'\n\nPYTORCH_FLAVOR=cu128\n");
        Map<String, String> read = KernelspecWriter.readEnv(env);
        assertEquals(Map.of("PYTORCH_LIBRARY_PATH", "/opt/py torch/lib", "PYTORCH_VERSION", "2.7.1",
                "PYTORCH_FLAVOR", "cu128"), read);
        Path jar = Files.writeString(dir.resolve("own.jar"), "not really a jar");
        Path dest = KernelspecWriter.write(dir.resolve("kernels/ginr"), "/usr/bin/java", List.of(jar), List.of(),
                "Java (GINR)", read);
        JsonObject vars = JsonParser.parseString(Files.readString(dest.resolve("kernel.json"))).getAsJsonObject()
                .getAsJsonObject("env");
        assertEquals("/opt/py torch/lib", vars.get("PYTORCH_LIBRARY_PATH").getAsString());
        assertEquals("2.7.1", vars.get("PYTORCH_VERSION").getAsString());
        assertEquals("cu128", vars.get("PYTORCH_FLAVOR").getAsString());
        assertEquals("PASSIVE", vars.get("OMP_WAIT_POLICY").getAsString());
        Path bad = Files.writeString(dir.resolve("bad.env"), "export PYTORCH_VERSION=2.7.1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelspecWriter.readEnv(bad));
        assertTrue(e.getMessage().contains("'export PYTORCH_VERSION=2.7.1'"), e.getMessage());
    }

    @Test
    void aMissingClassPathEntryIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Path missing = dir.resolve("nope.jar");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelspecWriter.write(
                dir.resolve("kernels/ginr"), "java", List.of(missing), List.of(), "x"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("kernels/ginr")));
    }
}
