package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.DebianPackageLicences;
import dev.ginr.inr.data.TrainTestSplit;
import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.data.audio.WavFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds the offline speech set from recordings that Debian packages install: Allison Smith's prompts of
 * {@code asterisk-core-sounds-en-g722} (studio speech, wideband G.722 decoded by ffmpeg) and the LibriVox
 * utterances of {@code pocketsphinx-testdata}. Every recording is decoded to 16 kHz mono, trimmed of leading and
 * trailing silence ({@link SpeechActivity}), assigned whole to train or test by a seeded draw per source (no
 * recording is in both splits), and the prompts of each source and split are joined and cut into 1 s and 3 s clips
 * ({@link PromptJoiner}). Output:
 * <pre>
 * OUT/1s/{train,test}/SOURCE-NNNN.wav    16-bit mono 16 kHz clips (also 3s/, one folder per clip length)
 * OUT/manifest.tsv                      one row per clip: its recordings, package, licence, level
 * OUT/build-settings.txt                the settings and a fingerprint of the recordings
 * </pre>
 * The same recordings and settings give byte-identical files; a second run with both unchanged rewrites nothing.
 * The set is written next to OUT and moved into place at the end, so a failed build leaves the old set intact.
 */
public final class OfflineSpeechSet {

    static final String SETTINGS_FILE = "build-settings.txt";
    static final String MANIFEST = "manifest.tsv";
    private static final int VERSION = 1;

    private OfflineSpeechSet() {}

    /**
     * @param out          the set's folder
     * @param clipSeconds  clip lengths in seconds
     * @param seed         seed of the train/test draw
     * @param testFraction share of each source's recordings held out
     * @param sources      the speech sources
     */
    public record Settings(Path out, List<Double> clipSeconds, long seed, double testFraction,
                           List<SpeechSource> sources) {

        public Settings {
            clipSeconds = List.copyOf(clipSeconds);
            sources = List.copyOf(sources);
            if (clipSeconds.isEmpty() || clipSeconds.stream().anyMatch(s -> !(s > 0) || s > 60)) {
                throw new IllegalArgumentException("--seconds " + clipSeconds + " is invalid: clip lengths in (0, 60]");
            }
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("--test-fraction " + testFraction + " is invalid: a fraction in (0, 1)");
            }
        }

        /** 1 s and 3 s clips, seed 0, 20% held out, from the two Debian packages' install folders. */
        public static Settings defaults(Path out) {
            return new Settings(out, List.of(1.0, 3.0), 0, 0.2, List.of(
                    SpeechSource.asterisk(Path.of("/usr/share/asterisk/sounds/en_US_f_Allison")),
                    SpeechSource.librivox(Path.of("/usr/share/pocketsphinx/test/data/librivox"))));
        }
    }

    /** What a build made: counts per clip length and split, recordings per source, what was left out and why. */
    public record Report(boolean upToDate, Map<String, Integer> recordings, Map<String, Integer> heldOut,
                         Map<String, Integer> clips, List<String> skipped, List<String> refused) {

        public String summary() {
            StringBuilder s = new StringBuilder(upToDate ? "up to date: " : "");
            s.append("recordings ").append(recordings);
            if (!heldOut.isEmpty()) {
                s.append(", held out ").append(heldOut);
            }
            s.append("; clips ").append(clips);
            if (!skipped.isEmpty()) {
                s.append("; skipped ").append(skipped.size()).append(" recordings (").append(skipped.get(0))
                        .append(skipped.size() > 1 ? ", ..." : "").append(")");
            }
            if (!refused.isEmpty()) {
                s.append("; refused ").append(refused.size()).append(" windows (").append(refused.get(0))
                        .append(refused.size() > 1 ? ", ..." : "").append(")");
            }
            return s.toString();
        }
    }

    /** Builds the set, or confirms it up to date. */
    public static Report build(Settings settings) {
        Map<SpeechSource, List<Path>> prompts = new LinkedHashMap<>();
        settings.sources().forEach(src -> prompts.put(src, src.prompts()));
        if (prompts.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalStateException("no speech recordings under " + settings.sources().stream()
                    .map(SpeechSource::dir).toList() + ": install asterisk-core-sounds-en-g722 and "
                    + "pocketsphinx-testdata (data-scripts/build-offline-speech.sh does)");
        }
        String fingerprint = settingsText(settings, prompts);
        Path settingsFile = settings.out().resolve(SETTINGS_FILE);
        if (fingerprint.equals(readOrNull(settingsFile)) && Files.exists(settings.out().resolve(MANIFEST))) {
            return existing(settings, prompts);
        }
        FfmpegDecoder ffmpeg = new FfmpegDecoder();
        List<String> skipped = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, Integer> recordings = new TreeMap<>();
        Map<String, Integer> heldOut = new TreeMap<>();
        List<SpeechClip> clips = new ArrayList<>();
        Map<String, SpeechSource> sourceOfClip = new LinkedHashMap<>();
        for (var e : prompts.entrySet()) {
            SpeechSource src = e.getKey();
            List<PromptJoiner.Prompt> decoded = decodeAll(src, e.getValue(), ffmpeg, skipped);
            TrainTestSplit<PromptJoiner.Prompt> split = TrainTestSplit.byRatio(decoded, settings.testFraction(),
                    settings.seed());
            recordings.put(src.name(), decoded.size());
            heldOut.put(src.name(), split.test().size());
            for (double seconds : settings.clipSeconds()) {
                for (String part : List.of("train", "test")) {
                    List<SpeechClip> made = PromptJoiner.clips(part.equals("train") ? split.train() : split.test(),
                            seconds, AudioClipFolder.SAMPLE_RATE, part, src.name(), refused);
                    made.forEach(c -> sourceOfClip.put(c.relativePath(), src));
                    clips.addAll(made);
                }
            }
        }
        write(settings, clips, sourceOfClip, prompts, fingerprint);
        return new Report(false, recordings, heldOut, counts(clips.stream().map(SpeechClip::relativePath).toList()),
                List.copyOf(skipped), List.copyOf(refused));
    }

    private static List<PromptJoiner.Prompt> decodeAll(SpeechSource src, List<Path> files, FfmpegDecoder ffmpeg,
                                                       List<String> skipped) {
        List<PromptJoiner.Prompt> out = new ArrayList<>();
        for (Path f : files) {
            String name = src.dir().relativize(f).toString();
            try {
                float[] speech = SpeechActivity.trim(src.decode(f, ffmpeg, AudioClipFolder.SAMPLE_RATE),
                        AudioClipFolder.SAMPLE_RATE);
                if (speech.length == 0) {
                    skipped.add(src.name() + " " + name + ": silent");
                } else {
                    out.add(new PromptJoiner.Prompt(name, speech));
                }
            } catch (WavFormatException | IllegalArgumentException e) {
                skipped.add(src.name() + " " + name + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static void write(Settings settings, List<SpeechClip> clips, Map<String, SpeechSource> sourceOfClip,
                              Map<SpeechSource, List<Path>> prompts, String fingerprint) {
        Path out = settings.out().toAbsolutePath().normalize();
        Path tmp = out.resolveSibling(out.getFileName() + ".partial");
        Path old = out.resolveSibling(out.getFileName() + ".old");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            for (SpeechClip c : clips) {
                WavFile.write(tmp.resolve(c.relativePath()), c.samples(), AudioClipFolder.SAMPLE_RATE);
            }
            DebianPackageLicences licences = DebianPackageLicences.forFiles(
                    prompts.values().stream().flatMap(List::stream).toList());
            Files.writeString(tmp.resolve(MANIFEST), SpeechManifest.text(clips, sourceOfClip, licences),
                    StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(SETTINGS_FILE), fingerprint, StandardCharsets.UTF_8);
            deleteTree(old);
            if (Files.exists(out)) {
                Files.move(out, old);
            }
            Files.move(tmp, out);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the speech set to " + out + ": " + e.getMessage(), e);
        }
    }

    /** The settings and every recording's path, size and modification time, one per line. */
    static String settingsText(Settings s, Map<SpeechSource, List<Path>> prompts) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "offline-speech v%d seconds=%s seed=%d test-fraction=%s gap=%s%n", VERSION, s.clipSeconds(), s.seed(),
                s.testFraction(), PromptJoiner.GAP_SECONDS));
        for (var e : prompts.entrySet()) {
            for (Path p : e.getValue()) {
                try {
                    b.append(e.getKey().name()).append('\t').append(p).append('\t').append(Files.size(p)).append('\t')
                            .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                } catch (IOException ex) {
                    b.append(e.getKey().name()).append('\t').append(p).append("\tunreadable\n");
                }
            }
        }
        return b.toString();
    }

    private static Report existing(Settings settings, Map<SpeechSource, List<Path>> prompts) {
        List<String> files;
        try (Stream<Path> s = Files.walk(settings.out())) {
            files = s.filter(p -> p.toString().endsWith(".wav")).map(p -> settings.out().relativize(p).toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> recordings = new TreeMap<>();
        prompts.forEach((src, list) -> recordings.put(src.name(), list.size()));
        return new Report(true, recordings, Map.of(), counts(files), List.of(), List.of());
    }

    /** Clip counts by "1s/train"-style folder. */
    private static Map<String, Integer> counts(List<String> relativePaths) {
        Map<String, Integer> out = new TreeMap<>();
        for (String p : relativePaths) {
            out.merge(p.substring(0, p.lastIndexOf('/')), 1, Integer::sum);
        }
        return out;
    }

    private static String readOrNull(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
