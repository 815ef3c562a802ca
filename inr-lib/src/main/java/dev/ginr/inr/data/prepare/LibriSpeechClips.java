package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.data.audio.WavFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns extracted LibriSpeech subsets ({@code LibriSpeech/train-clean-100/SPEAKER/CHAPTER/*.flac} and
 * {@code test-clean}) into the clip layout {@link AudioClipFolder} reads, the step after download and extraction.
 * FLAC is decoded by Debian's ffmpeg ({@link FfmpegDecoder}).
 *
 * <p>Clips follow the reference's LibriSpeech transform with {@code total_secs: -1}, which first drops each
 * utterance's last second: a test clip is the first T samples of what remains, zero-padded when shorter (the
 * reference's evaluation crop); training clips are {@code clipsPerUtterance} crops of T samples at seeded random
 * offsets (one draw of the reference's random crop per epoch, fixed here so that the files are reproducible);
 * utterances with less than T samples left give no training clip. Output:
 * <pre>
 * OUT/1s/{train,test}/SPEAKER-CHAPTER-UTTERANCE[-k].wav   (one folder per clip length)
 * OUT/manifest.tsv   clip, utterance, start and length in samples, padded samples
 * </pre>
 */
public final class LibriSpeechClips {

    private LibriSpeechClips() {}

    /**
     * @param root              the extracted {@code LibriSpeech} folder, holding the subset folders
     * @param out               the clip set's folder
     * @param subsets           subset folder name to split name, e.g. train-clean-100 -> train, test-clean -> test
     * @param clipSeconds       clip lengths in seconds
     * @param clipsPerUtterance training crops per utterance
     * @param seed              seed of the training crops
     */
    public record Settings(Path root, Path out, Map<String, String> subsets, List<Double> clipSeconds,
                           int clipsPerUtterance, long seed) {

        public Settings {
            subsets = new LinkedHashMap<>(subsets);
            clipSeconds = List.copyOf(clipSeconds);
            if (clipsPerUtterance < 1) {
                throw new IllegalArgumentException("clips per utterance must be at least 1, got " + clipsPerUtterance);
            }
        }

        /** The paper's use: train-clean-100 for training, test-clean for evaluation, 1 s and 3 s clips. */
        public static Settings paper(Path root, Path out) {
            return new Settings(root, out, Map.of("train-clean-100", "train", "test-clean", "test"), List.of(1.0, 3.0),
                    1, 0);
        }
    }

    /** Clips written per "1s/train"-style folder, and the utterances skipped with their reasons. */
    public record Report(Map<String, Integer> clips, List<String> skipped) {}

    /** Prepares every subset of {@code settings}; a missing subset folder is an error naming it. */
    public static Report prepare(Settings s) {
        FfmpegDecoder ffmpeg = new FfmpegDecoder();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        StringBuilder manifest = new StringBuilder("clip\tutterance\tstart\tlength\tpadded\n");
        for (var subset : new TreeMap<>(s.subsets()).entrySet()) {
            Path dir = s.root().resolve(subset.getKey());
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("LibriSpeech subset " + dir + " does not exist: extract "
                        + subset.getKey() + " under " + s.root());
            }
            for (Path flac : utterances(dir)) {
                String id = flac.getFileName().toString().replaceFirst("\\.flac$", "");
                float[] x;
                try {
                    x = ffmpeg.decode(flac, null).at(AudioClipFolder.SAMPLE_RATE).samples();
                } catch (WavFormatException | IllegalArgumentException e) {
                    skipped.add(subset.getKey() + "/" + id + ": " + e.getMessage());
                    continue;
                }
                float[] usable = Arrays.copyOf(x, Math.max(0, x.length - AudioClipFolder.SAMPLE_RATE));
                if (usable.length == 0) {
                    skipped.add(subset.getKey() + "/" + id + ": too short (" + x.length + " samples; the reference "
                            + "drops the last second)");
                    continue;
                }
                for (double seconds : s.clipSeconds()) {
                    writeClips(s, subset.getValue(), id, usable, seconds, counts, manifest);
                }
            }
        }
        try {
            Files.createDirectories(s.out());
            Files.writeString(s.out().resolve("manifest.tsv"), manifest.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + s.out().resolve("manifest.tsv"), e);
        }
        return new Report(counts, List.copyOf(skipped));
    }

    private static void writeClips(Settings s, String split, String id, float[] usable, double seconds,
                                   Map<String, Integer> counts, StringBuilder manifest) {
        int t = (int) Math.round(seconds * AudioClipFolder.SAMPLE_RATE);
        String folder = SpeechClip.folder(seconds) + "/" + split;
        List<int[]> crops = new ArrayList<>(); // {start, length taken}
        if (split.equals("test")) {
            crops.add(new int[] {0, Math.min(t, usable.length)});
        } else if (usable.length >= t) {
            Random r = new Random(s.seed() * 1_000_003L + id.hashCode() * 31L + t);
            for (int k = 0; k < s.clipsPerUtterance(); k++) {
                crops.add(new int[] {r.nextInt(usable.length - t + 1), t});
            }
        }
        for (int k = 0; k < crops.size(); k++) {
            int[] c = crops.get(k);
            float[] clip = new float[t]; // zero padding past the end, as the reference
            System.arraycopy(usable, c[0], clip, 0, c[1]);
            String name = id + (s.clipsPerUtterance() > 1 && split.equals("train") ? "-" + k : "") + ".wav";
            WavFile.write(s.out().resolve(folder).resolve(name), clip, AudioClipFolder.SAMPLE_RATE);
            counts.merge(folder, 1, Integer::sum);
            manifest.append(String.format(Locale.ROOT, "%s/%s\t%s\t%d\t%d\t%d%n", folder, name, id, c[0], c[1], t - c[1]));
        }
    }

    /** The FLAC files of a subset, in sorted path order. */
    static List<Path> utterances(Path subset) {
        try (Stream<Path> files = Files.walk(subset)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".flac")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + subset + ": " + e.getMessage(), e);
        }
    }
}
