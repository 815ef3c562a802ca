package dev.ginr.inr.data.audio;

import dev.ginr.inr.data.FolderListing;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.data.TrainTestSplit;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder of speech clips as WAV files (searched recursively, in sorted path order), read as mono, resampled to
 * {@code sampleRate} Hz when recorded at another rate (see {@link SincResampler}) and cut to the first
 * {@code clipSamples} samples, values in [-1, 1]: a batch (B, T, 1) on the 1-D grid [T].
 *
 * <p>Files that cannot be used are skipped and counted with the reason, never fatal: an empty file, a corrupt
 * header, an unsupported encoding, a sample rate that cannot be converted, or a recording shorter than one clip.
 * Folders are listed as image folders are ({@link FolderListing}): unreadable subfolders are skipped and counted,
 * subfolders of ginr's own output (such as {@code ginr reconstruct}'s WAVs) are not read.
 *
 * @param files      the files that were read, in batch order
 * @param clips      the clips (B, T, 1), grid {T}
 * @param skipped    the files that were not, each with its reason
 * @param sampleRate samples per second of the clips
 * @param listing    what listing the folder left out (unreadable subfolders, ginr output); empty for a file list
 */
public record AudioClipFolder(List<Path> files, SignalBatch clips, List<Skipped> skipped, int sampleRate,
                              FolderListing listing) implements SignalFolder {

    /** The rate of the paper's audio (LibriSpeech). */
    public static final int SAMPLE_RATE = 16_000;

    /** A file that was not read, and why. */
    public record Skipped(Path file, String reason) {}

    /** A folder loaded as two disjoint parts. */
    public record Split(AudioClipFolder train, AudioClipFolder test) {

        /** "train: read 120 clips; test: read 30 clips, skipped 1 file (1 empty file)" */
        public String summary() {
            return "train: " + train.summary() + "; test: " + test.summary();
        }
    }

    /** Loads every WAV file under {@code dir} as a clip of {@code clipSamples} samples at 16 kHz. */
    public static AudioClipFolder load(Path dir, int clipSamples) {
        return load(dir, clipSamples, SAMPLE_RATE, Integer.MAX_VALUE);
    }

    /** Loads at most {@code limit} WAV files under {@code dir} (the first in sorted order) at {@code rate} Hz. */
    public static AudioClipFolder load(Path dir, int clipSamples, int rate, int limit) {
        FolderListing listing = scan(dir);
        return load(listing.files(), clipSamples, rate, limit).withListing(listing);
    }

    private AudioClipFolder withListing(FolderListing l) {
        return new AudioClipFolder(files, clips, skipped, sampleRate, l);
    }

    /**
     * A folder with {@code train/} and {@code test/} subfolders (the layout of the offline speech set) is used as
     * split; any other folder is split by a seeded shuffle holding out {@code holdOut} of the files.
     */
    public static Split loadSplit(Path dir, int clipSamples, double holdOut, long seed) {
        return loadSplit(dir, clipSamples, SAMPLE_RATE, holdOut, seed);
    }

    /** As {@link #loadSplit(Path, int, double, long)}, with clips at {@code rate} Hz. */
    public static Split loadSplit(Path dir, int clipSamples, int rate, double holdOut, long seed) {
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        int all = Integer.MAX_VALUE;
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            return new Split(load(train, clipSamples, rate, all), load(test, clipSamples, rate, all));
        }
        FolderListing listing = scan(dir);
        TrainTestSplit<Path> s = TrainTestSplit.byRatio(listing.files(), holdOut, seed);
        return new Split(load(s.train(), clipSamples, rate, all).withListing(listing),
                load(s.test(), clipSamples, rate, all));
    }

    /** Loads at most {@code limit} of the given files as clips of {@code clipSamples} samples at {@code rate} Hz. */
    public static AudioClipFolder load(List<Path> candidates, int clipSamples, int rate, int limit) {
        if (clipSamples < 1) {
            throw new IllegalArgumentException("a clip needs at least one sample, got " + clipSamples);
        }
        List<Path> ok = new ArrayList<>();
        List<Skipped> bad = new ArrayList<>();
        List<float[]> clips = new ArrayList<>();
        for (Path f : candidates) {
            if (ok.size() >= limit) {
                break;
            }
            try {
                clips.add(clip(WavFile.read(f), clipSamples, rate));
                ok.add(f);
            } catch (WavFormatException | IllegalArgumentException e) {
                bad.add(new Skipped(f, e.getMessage()));
            } catch (UncheckedIOException e) {
                bad.add(new Skipped(f, "unreadable: " + e.getCause().getMessage()));
            }
        }
        float[] all = new float[clips.size() * clipSamples];
        for (int i = 0; i < clips.size(); i++) {
            System.arraycopy(clips.get(i), 0, all, i * clipSamples, clipSamples);
        }
        return new AudioClipFolder(List.copyOf(ok), new SignalBatch(all, ok.size(), new int[] {clipSamples}, 1),
                List.copyOf(bad), rate, new FolderListing(List.of(), List.of(), List.of()));
    }

    /** The first {@code clipSamples} samples at {@code rate} Hz, clamped to [-1, 1]. */
    static float[] clip(Waveform w, int clipSamples, int rate) {
        Waveform r = w.at(rate);
        if (r.length() < clipSamples) {
            throw new WavFormatException(String.format(Locale.ROOT, "too short for one clip (%.3f s, a clip is %.3f s)",
                    r.seconds(), clipSamples / (double) rate));
        }
        float[] out = new float[clipSamples];
        for (int i = 0; i < clipSamples; i++) {
            out[i] = Math.max(-1f, Math.min(1f, r.samples()[i]));
        }
        return out;
    }

    /** WAV files (by extension) under {@code dir}, recursively, sorted; see {@link FolderListing}. */
    public static List<Path> list(Path dir) {
        return scan(dir).files();
    }

    private static FolderListing scan(Path dir) {
        return FolderListing.scan(dir, p -> p.getFileName() != null
                && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"), "audio folder");
    }

    @Override
    public SignalBatch signals() {
        return clips;
    }

    @Override
    public AudioClipFolder first(int n) {
        if (n == 0 || n >= files.size()) {
            return this;
        }
        return new AudioClipFolder(files.subList(0, n), clips.slice(0, n), skipped, sampleRate, listing);
    }

    /** Clip length in seconds. */
    public double clipSeconds() {
        return clips.points() / (double) sampleRate;
    }

    /** A short report such as "read 120 clips, skipped 3 files (2 too short for one clip, 1 empty file)". */
    @Override
    public String summary() {
        String s = "read " + files.size() + " clip" + (files.size() == 1 ? "" : "s");
        if (skipped.isEmpty()) {
            return s + listing.leftOut();
        }
        Map<String, Integer> byKind = new TreeMap<>();
        skipped.forEach(k -> byKind.merge(kind(k.reason()), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, n) -> parts.add(n + " " + kind));
        return s + ", skipped " + skipped.size() + " file" + (skipped.size() == 1 ? "" : "s") + " ("
                + String.join(", ", parts) + ")" + listing.leftOut();
    }

    /** The reason without its details: "corrupt header: ..." -> "corrupt header". */
    private static String kind(String reason) {
        String r = reason == null ? "unreadable" : reason;
        int cut = r.length();
        for (char c : new char[] {':', '('}) {
            int i = r.indexOf(c);
            cut = i > 0 ? Math.min(cut, i) : cut;
        }
        return r.substring(0, cut).strip();
    }
}
