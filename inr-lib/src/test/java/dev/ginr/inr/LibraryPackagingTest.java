package dev.ginr.inr;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the library imposes on its users, and what the ginr launcher runs with. */
class LibraryPackagingTest {

    private static final Path MODULE = TestData.repoRoot().resolve("inr-lib");

    @Test
    void theLibraryChoosesNoLoggingBindingForItsUsers() throws Exception {
        try (Stream<Path> s = Files.walk(MODULE.resolve("src/main/resources"))) {
            List<String> configs = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("simplelogger")
                    || n.startsWith("logback") || n.startsWith("log4j")).toList();
            assertEquals(List.of(), configs, "logging configuration in the library jar");
        }
        NodeList deps = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(MODULE.resolve("pom.xml")
                .toFile()).getElementsByTagName("dependency");
        List<String> bindings = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String artifact = text(d, "artifactId");
            boolean reachesUsers = !text(d, "scope").equals("test") && !text(d, "optional").equals("true");
            if (reachesUsers && (artifact.startsWith("slf4j-") && !artifact.equals("slf4j-api")
                    || artifact.startsWith("logback") || artifact.startsWith("log4j"))) {
                bindings.add(artifact);
            }
        }
        assertEquals(List.of(), bindings, "a logging binding that projects depending on inr-lib would inherit");
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    @Test
    void theGinrLauncherRunsWithoutTestScopeJars() throws Exception {
        Path cpFile = MODULE.resolve("target/runtime.classpath");
        Files.deleteIfExists(cpFile); // the launcher writes it afresh
        Process p = new ProcessBuilder("bash", TestData.repoRoot().resolve("environment/ginr").toString(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.strip().endsWith("ginr-java " + GinrVersion.version()), out);
        List<String> jars = Arrays.stream(Files.readString(cpFile).strip().split(":"))
                .map(j -> Path.of(j).getFileName().toString()).toList();
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("pytorch-engine")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("slf4j-simple")), "the command line's binding: " + jars);
        List<String> testJars = jars.stream().filter(j -> j.startsWith("junit") || j.startsWith("jmh")
                || j.startsWith("opentest4j") || j.startsWith("jopt-simple") || j.startsWith("apiguardian")).toList();
        assertEquals(List.of(), testJars);
        assertFalse(out.contains("\u001b["), "no terminal colour codes: " + out);
    }
}
