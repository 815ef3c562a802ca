package dev.ginr.notebook.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    void aMissingClassPathEntryIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Path missing = dir.resolve("nope.jar");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelspecWriter.write(
                dir.resolve("kernels/ginr"), "java", List.of(missing), List.of(), "x"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("kernels/ginr")));
    }
}
