package dev.ginr.inr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar selection and size computation of {@code environment/gpu-check.sh --bundle OUT} ({@code --plan}): what goes
 * into the GPU bundle. The bundle itself (jdeps, jlink, a smoke run, about 40 s on 2 cores) is made by hand; its size
 * and time are in the README's GPU section.
 */
class GpuCheckBundleTest {

    private static final Pattern ROW = Pattern.compile("\\[gpu-check\\]   (copy|reduce|leave-out) +([0-9.]+) MiB  (.+)");

    @Test
    void theBundleTakesTheRuntimeJarsWithoutTheCpuNativesAndCutsDownTheLargeOnes(@TempDir Path tmp) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", TestData.repoRoot().resolve("environment/gpu-check.sh")
                .toString(), "--bundle", tmp.resolve("out").toString(), "--plan").redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        long[] bytes = new long[3]; // copy, reduce, leave-out
        List<String> copied = new java.util.ArrayList<>();
        int rows = 0;
        for (String line : out.lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            rows++;
            Path jar = Path.of(m.group(3));
            String name = jar.getFileName().toString();
            String action = m.group(1);
            assertEquals(String.format(Locale.ROOT, "%.1f", Files.size(jar) / 1048576.0), m.group(2), line);
            bytes[action.equals("copy") ? 0 : action.equals("reduce") ? 1 : 2] += Files.size(jar);
            assertEquals(name.startsWith("pytorch-native-cpu-") ? "leave-out"
                    : name.startsWith("fastutil-") || name.startsWith("icu4j-") ? "reduce" : "copy", action, line);
            if (action.equals("copy")) {
                copied.add(name);
            }
            assertTrue(!name.startsWith("junit") && !name.startsWith("jmh") && !name.startsWith("opentest4j"), line);
        }
        assertTrue(rows > 20, out);
        assertTrue(copied.get(0).startsWith("inr-lib-"), "the library first: " + copied);
        for (String needed : List.of("pytorch-engine-", "pytorch-jni-", "api-", "slf4j-simple-", "tablesaw-core-",
                "picocli-", "jna-")) {
            assertTrue(copied.stream().anyMatch(n -> n.startsWith(needed)), needed + " in " + copied);
        }
        String summary = String.format(Locale.ROOT, "[gpu-check] jars copied: %.1f MiB; cut down to their used "
                + "classes: %.1f MiB before; left out: %.1f MiB", bytes[0] / 1048576.0, bytes[1] / 1048576.0,
                bytes[2] / 1048576.0);
        assertTrue(out.contains(summary), summary + "\n" + out);
        assertTrue(bytes[2] > 100L * 1024 * 1024, "the CPU natives (over 100 MiB) stay out");
        assertTrue(!Files.exists(tmp.resolve("out/ginr-gpu-bundle.tar.gz")), "--plan writes no bundle");
    }
}
