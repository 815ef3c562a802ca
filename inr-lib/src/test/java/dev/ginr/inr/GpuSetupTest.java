package dev.ginr.inr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code environment/setup.sh --gpu --libtorch DIR} against fake libtorch folders (the version files of a PyTorch
 * package or a libtorch archive, and empty library files): a CUDA 2.7.1 libtorch gives the env file DJL reads; a CPU,
 * a mismatched or a missing one gives one error line and writes nothing. Only the configure step runs
 * ({@code GINR_SETUP_ONLY=gpu-env}); the env file and DJL's cache are redirected into the test's folder.
 */
class GpuSetupTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private Result setup(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash",
                TestData.repoRoot().resolve("environment/setup.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GINR_GPU_ENV", tmp.resolve("gpu.env").toString());
        pb.environment().put("GINR_SETUP_ONLY", "gpu-env");
        pb.environment().put("DJL_CACHE_DIR", tmp.resolve("djl").toString());
        pb.environment().remove("ENGINE_CACHE_DIR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    /** A PyTorch package folder: version.py beside lib/ with empty library files. */
    private Path torchPackage(String name, String version, String cuda, boolean cudaLibs) throws Exception {
        Path torch = Files.createDirectories(tmp.resolve(name).resolve("torch"));
        Path lib = Files.createDirectories(torch.resolve("lib"));
        for (String so : cudaLibs ? List.of("libtorch.so", "libc10.so", "libtorch_cpu.so", "libtorch_cuda.so",
                "libc10_cuda.so") : List.of("libtorch.so", "libc10.so", "libtorch_cpu.so")) {
            Files.createFile(lib.resolve(so));
        }
        Files.writeString(torch.resolve("version.py"), "from typing import Optional\n\n__all__ = ['__version__']\n"
                + "__version__ = '" + version + "'\ndebug = False\ncuda: Optional[str] = "
                + (cuda == null ? "None" : "'" + cuda + "'") + "\n");
        return torch;
    }

    private String envFile() throws Exception {
        return Files.readString(tmp.resolve("gpu.env"));
    }

    @Test
    void aCudaLibtorchOfTheJnisVersionIsWrittenForDjl() throws Exception {
        Path torch = torchPackage("wheel", "2.7.1+cu128", "12.8", true);
        Result r = setup("--gpu", "--libtorch", torch.toString());
        assertEquals(0, r.code(), r.err());
        String lib = torch.resolve("lib").toRealPath().toString();
        assertTrue(r.out().contains("[setup] libtorch 2.7.1+cu128 in " + lib + " matches the JNI in "
                + "pytorch-jni-2.7.1-0.36.0.jar (2.7.1-0.36.0; flavours cpu cu128)"), r.out());
        List<String> settings = envFile().lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("PYTORCH_LIBRARY_PATH='" + lib + "'", "PYTORCH_VERSION='2.7.1'",
                "PYTORCH_FLAVOR='cu128'"), settings);

        // a libtorch archive: build-version beside lib/, given by its lib folder
        Path archive = Files.createDirectories(tmp.resolve("libtorch/lib"));
        for (String so : List.of("libtorch.so", "libtorch_cuda.so")) {
            Files.createFile(archive.resolve(so));
        }
        Files.writeString(tmp.resolve("libtorch/build-version"), "2.7.1+cu128\n");
        Result a = setup("--gpu", "--libtorch", archive.toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(envFile().contains("PYTORCH_LIBRARY_PATH='" + archive.toRealPath() + "'"), envFile());
    }

    @Test
    void aLibtorchThatCannotWorkIsOneLineAndNothingIsWritten() throws Exception {
        Path cpu = torchPackage("cpu", "2.7.1+cpu", null, false);
        Path newer = torchPackage("newer", "2.11.0+cu130", "13.0", true);
        Path noCudaLibs = torchPackage("partial", "2.7.1+cu128", "12.8", false);
        String[][] cases = {
            {cpu.toString(), "the libtorch in " + cpu.resolve("lib").toRealPath() + " is the cpu build (2.7.1+cpu), "
                    + "not a CUDA one"},
            {newer.toString(), "the libtorch in " + newer.resolve("lib").toRealPath() + " is 2.11.0+cu130 but "
                    + "DJL's JNI (pytorch-jni-2.7.1-0.36.0.jar) is built for 2.7.1 with flavours cpu cu128, and no "
                    + "JNI built for 2.11.0+cu130 is in " + tmp.resolve("djl/pytorch/2.11.0-cu130-linux-x86_64")
                    + "; build one from DJL's 0.36.0 source release: environment/build-djl-jni.sh --libtorch "},
            {noCudaLibs.toString(), "says 2.7.1+cu128 but has no libtorch_cuda*.so"},
            {tmp.resolve("nowhere").toString(), "--libtorch " + tmp.resolve("nowhere") + ": no such folder"},
            {tmp.toString(), "--libtorch " + tmp + ": no libtorch.so in it or in its lib/"},
        };
        for (String[] c : cases) {
            Result r = setup("--gpu", "--libtorch", c[0]);
            assertEquals(1, r.code(), c[0] + ": " + r.out() + r.err());
            List<String> lines = r.err().strip().lines().toList();
            assertEquals(1, lines.size(), r.err());
            assertTrue(lines.get(0).startsWith("[setup] ERROR: ") && lines.get(0).contains(c[1]), lines.get(0));
            assertFalse(Files.exists(tmp.resolve("gpu.env")), "nothing written for " + c[0]);
        }
    }

    @Test
    void aJniBuiltForTheLocalLibtorchMakesItUsable() throws Exception {
        Path newer = torchPackage("newer", "2.11.0+cu130", "13.0", true);
        Path jni = Files.createDirectories(tmp.resolve("djl/pytorch/2.11.0-cu130-linux-x86_64"))
                .resolve("0.36.0-libdjl_torch.so");
        Files.createFile(jni); // where environment/build-djl-jni.sh puts its result, and DJL looks first
        Result r = setup("--gpu", "--libtorch", newer.resolve("lib").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("DJL JNI built for it: " + jni), r.out());
        assertTrue(envFile().contains("PYTORCH_VERSION='2.11.0'") && envFile().contains("PYTORCH_FLAVOR='cu130'"),
                envFile());
    }
}
