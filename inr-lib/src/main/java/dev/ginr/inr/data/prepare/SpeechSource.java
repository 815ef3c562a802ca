package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.data.audio.Waveform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One source of recorded speech installed by a Debian package: a folder of prompt recordings of one speaker.
 *
 * @param name        short name used in clip file names ("allison", "librivox")
 * @param dir         the folder searched recursively
 * @param extension   file extension of the recordings
 * @param ffmpegInput ffmpeg's input format for headerless files ("g722"), or null for WAV read in Java
 * @param speaker     who speaks
 * @param note        provenance beyond the package licence, for the manifest
 */
public record SpeechSource(String name, Path dir, String extension, String ffmpegInput, String speaker, String note) {

    /** Tones and silences among the Asterisk prompts: not speech. */
    private static final Set<String> NOT_SPEECH = Set.of("beep", "beeperr", "ascending-2tone", "descending-2tone");

    /** Allison Smith's English prompts of asterisk-core-sounds-en-g722: studio speech, 16 kHz wideband G.722. */
    public static SpeechSource asterisk(Path dir) {
        return new SpeechSource("allison", dir, "g722", "g722", "Allison Smith (en_US, female)",
                "Asterisk core sounds, studio recording");
    }

    /** The LibriVox utterances that pocketsphinx-testdata ships (16 kHz WAV). */
    public static SpeechSource librivox(Path dir) {
        return new SpeechSource("librivox", dir, "wav", null, "LibriVox reader of Sense and Sensibility (en)",
                "LibriVox recording (public domain), shipped for pocketsphinx tests");
    }

    /** The speech recordings of this source, in sorted path order; tones and silences are left out. */
    public List<Path> prompts() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(this::isSpeech).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private boolean isSpeech(Path p) {
        String file = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!file.endsWith("." + extension)) {
            return false;
        }
        String stem = file.substring(0, file.length() - extension.length() - 1);
        return !NOT_SPEECH.contains(stem) && !dir.relativize(p).toString().startsWith("silence");
    }

    /** Decodes one recording to mono at {@code rate} Hz. */
    public float[] decode(Path prompt, FfmpegDecoder ffmpeg, int rate) {
        Waveform w = ffmpegInput == null ? WavFile.read(prompt) : ffmpeg.decode(prompt, ffmpegInput);
        return w.at(rate).samples();
    }
}
