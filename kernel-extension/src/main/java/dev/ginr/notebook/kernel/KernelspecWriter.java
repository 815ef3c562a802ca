package dev.ginr.notebook.kernel;

import dev.ginr.inr.OpenMpWaitPolicy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the Jupyter kernelspec that starts {@link KernelMain}: {@code kernel.json}, a {@code jvm.args} file with
 * the class path and JVM options (Java reads it through {@code @argfile}, so the class path can be long), and
 * copies of the project's own jars in {@code lib/}, so that a later {@code mvn clean} or another checkout
 * installing a different snapshot does not break an installed kernel.
 *
 * <p>Writing is idempotent: the folder is built next to its destination and swapped in, so running the set-up
 * twice leaves one complete kernelspec.
 *
 * <pre>
 * java -cp kernel-extension.jar dev.ginr.notebook.kernel.KernelspecWriter [--env FILE] DEST_DIR JAVA_EXECUTABLE
 *      OWN_JARS(path-separated) THIRD_PARTY_CLASSPATH [DISPLAY_NAME]
 * </pre>
 *
 * <p>{@code --env FILE}: {@code NAME='value'} lines (environment/gpu.env, written by {@code setup.sh --gpu}) that go
 * into the kernel's environment, such as DJL's {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION} and
 * {@code PYTORCH_FLAVOR}: the engine reads them before its native library loads, so they cannot be set later.
 */
public final class KernelspecWriter {

    /** The display name the notebook's kernel menu shows. */
    public static final String DISPLAY_NAME = "Java (GINR)";

    /**
     * JVM options: headless rendering, DJL offline, native memory outside a modest heap, and native access for the
     * engine's libraries (Java 24+ warns on every start without it; Java 17 accepts the option).
     */
    static final List<String> JVM_OPTIONS = List.of("-Djava.awt.headless=true", "-Dai.djl.offline=true",
            "-Xmx4g", "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED");

    private KernelspecWriter() {}

    public static void main(String[] args) {
        Map<String, String> env = Map.of();
        if (args.length >= 2 && args[0].equals("--env")) {
            env = readEnv(Path.of(args[1]));
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: KernelspecWriter [--env FILE] DEST_DIR JAVA_EXECUTABLE OWN_JARS "
                    + "THIRD_PARTY_CLASSPATH [DISPLAY_NAME]");
            System.exit(2);
        }
        Path dest = write(Path.of(args[0]), args[1], split(args[2]), split(args[3]),
                args.length == 5 ? args[4] : DISPLAY_NAME, env);
        System.out.println("kernelspec written to " + dest);
    }

    /**
     * {@code NAME='value'} (or {@code NAME=value}) lines of an env file; {@code #} lines and blank lines are
     * skipped. Anything else is refused with the line, so that a kernel never starts with half its settings.
     */
    static Map<String, String> readEnv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the env file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(?:'([^']*)'|"
                    + "([^'\"\\s$`]*))").matcher(l);
            if (!m.matches()) {
                throw new IllegalArgumentException("env file " + file + ": cannot read '" + l + "'; expected "
                        + "NAME='value' lines");
            }
            env.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return env;
    }

    /**
     * Writes the kernelspec into {@code dest} (replacing what is there) and returns {@code dest}.
     *
     * @param java       the java executable the kernel runs on
     * @param ownJars    jars (or class folders) copied into the kernelspec's lib/ folder
     * @param classPath  further class path entries referenced where they are (the Maven repository)
     */
    public static Path write(Path dest, String java, List<Path> ownJars, List<Path> classPath, String displayName) {
        return write(dest, java, ownJars, classPath, displayName, Map.of());
    }

    /** As {@link #write(Path, String, List, List, String)}, with {@code env} added to the kernel's environment. */
    public static Path write(Path dest, String java, List<Path> ownJars, List<Path> classPath, String displayName,
                             Map<String, String> env) {
        for (Path p : concat(ownJars, classPath)) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("class path entry " + p + " does not exist; build the project"
                        + " first (mvn -pl kernel-extension -am install -DskipTests)");
            }
        }
        Path target = dest.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.getParent());
            Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
            List<Path> entries = new ArrayList<>();
            Path lib = Files.createDirectories(staging.resolve("lib"));
            for (int i = 0; i < ownJars.size(); i++) {
                String name = i + "-" + ownJars.get(i).getFileName(); // two class folders are both "classes"
                copy(ownJars.get(i), lib.resolve(name));
                entries.add(target.resolve("lib").resolve(name));
            }
            entries.addAll(classPath.stream().map(p -> p.toAbsolutePath().normalize()).toList());
            Files.writeString(staging.resolve("jvm.args"), jvmArgs(entries));
            Files.writeString(staging.resolve("kernel.json"), kernelJson(java, displayName, env));
            swapIn(staging, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec into " + target + ": " + e.getMessage(), e);
        }
    }

    static String jvmArgs(List<Path> classPath) {
        String cp = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        StringBuilder s = new StringBuilder("-cp\n\"").append(cp.replace("\\", "\\\\")).append("\"\n");
        JVM_OPTIONS.forEach(o -> s.append(o).append('\n'));
        return s.toString();
    }

    static String kernelJson(String java, String displayName) {
        return kernelJson(java, displayName, Map.of());
    }

    static String kernelJson(String java, String displayName, Map<String, String> env) {
        Map.Entry<String, String> wait = waitSetting();
        StringBuilder vars = new StringBuilder(quote(wait.getKey()) + ": " + quote(wait.getValue()));
        env.forEach((k, v) -> vars.append(", ").append(quote(k)).append(": ").append(quote(v)));
        return "{\n"
                + "  \"argv\": [" + quote(java) + ", \"@{resource_dir}/jvm.args\", "
                + quote(KernelMain.class.getName()) + ", \"{connection_file}\"],\n"
                + "  \"display_name\": " + quote(displayName) + ",\n"
                + "  \"language\": \"java\",\n"
                + "  \"interrupt_mode\": \"message\",\n"
                + "  \"env\": {" + vars + "},\n"
                + "  \"metadata\": {\"debugger\": false}\n"
                + "}\n";
    }

    /**
     * How the kernel's OpenMP threads wait: the installing shell's {@code OMP_WAIT_POLICY} when set (e.g. PASSIVE on
     * a shared machine), else its {@code GOMP_SPINCOUNT}, else {@link OpenMpWaitPolicy#DEFAULT_SPIN_COUNT} spins.
     * The kernelspec's env is the only place to set them before libtorch loads.
     */
    static Map.Entry<String, String> waitSetting() {
        return waitSetting(OpenMpWaitPolicy.current(), OpenMpWaitPolicy.spinCount());
    }

    /** {@link #waitSetting()} for the given shell values (null when not set). */
    static Map.Entry<String, String> waitSetting(String policy, String spins) {
        if (policy != null) {
            return Map.entry(OpenMpWaitPolicy.VARIABLE, policy);
        }
        return Map.entry(OpenMpWaitPolicy.SPIN_VARIABLE,
                spins == null || spins.isBlank() ? OpenMpWaitPolicy.DEFAULT_SPIN_COUNT : spins.trim());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path t = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void swapIn(Path staging, Path target) throws IOException {
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-old-");
            Files.delete(old);
            Files.move(target, old);
            Files.move(staging, target);
            deleteTree(old);
        } else {
            Files.move(staging, target);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Path> split(String pathList) {
        return Arrays.stream(pathList.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
