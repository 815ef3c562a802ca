package dev.ginr.inr.data.prepare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Encodes test fixtures with Debian's ffmpeg (installed by data-scripts/build-offline-speech.sh). */
final class Ffmpeg {

    private Ffmpeg() {}

    /** Runs {@code ffmpeg -i in ARGS out}; fails with the command when ffmpeg is missing or refuses. */
    static void encode(Path in, Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", in.toString()));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ffmpeg is needed for this test: run data-scripts/build-offline-speech.sh "
                    + "(it installs Debian's ffmpeg)", e);
        }
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + log);
        }
    }
}
