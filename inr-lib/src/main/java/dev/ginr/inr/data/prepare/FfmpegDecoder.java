package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.data.audio.WavFormatException;
import dev.ginr.inr.data.audio.Waveform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decodes what Java cannot (G.722, FLAC, ...) with Debian's {@code ffmpeg}, run as a separate process: the file is
 * decoded to 16-bit PCM WAV on ffmpeg's standard output and read by {@link WavFile} (mixed down to mono, at the
 * file's own rate). ffmpeg's decoders are deterministic, so the same file always gives the same samples.
 */
public final class FfmpegDecoder {

    private final String executable;

    /** The {@code ffmpeg} on the PATH. */
    public FfmpegDecoder() {
        this("ffmpeg");
    }

    public FfmpegDecoder(String executable) {
        this.executable = executable;
    }

    /** Whether the executable runs at all. */
    public boolean available() {
        try {
            Process p = new ProcessBuilder(executable, "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Decodes {@code file}; {@code inputFormat} forces the demuxer (e.g. "g722" for headerless G.722), null lets
     * ffmpeg probe.
     *
     * @throws WavFormatException    when ffmpeg cannot decode the file (the message is ffmpeg's)
     * @throws IllegalStateException when ffmpeg is not installed
     */
    public Waveform decode(Path file, String inputFormat) {
        List<String> cmd = new ArrayList<>(List.of(executable, "-nostdin", "-v", "error"));
        if (inputFormat != null) {
            cmd.addAll(List.of("-f", inputFormat));
        }
        cmd.addAll(List.of("-i", file.toString(), "-map", "0:a:0", "-f", "wav", "-acodec", "pcm_s16le", "-"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + " to decode " + file + ": install Debian's "
                    + "ffmpeg (apt-get install ffmpeg)", e);
        }
        try {
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] wav = readAll(p.getInputStream());
            int rc = p.waitFor();
            if (rc != 0) {
                String msg = new String(err.join(), StandardCharsets.UTF_8).strip();
                throw new WavFormatException("ffmpeg could not decode it (exit " + rc + "): "
                        + msg.substring(msg.lastIndexOf('\n') + 1));
            }
            return WavFile.read(wav);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding " + file, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
