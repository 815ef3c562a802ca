package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.data.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibriSpeechClipsTest {

    /** 16-bit-exact noise, so that FLAC (lossless) gives back exactly these samples. */
    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (r.nextInt(16001) - 8000) / 32768f;
        }
        return x;
    }

    /** The bytes of a FLAC file holding {@code n} samples of seeded noise at 16 kHz. */
    static byte[] flacBytes(int n, int seed) {
        try {
            Path dir = Files.createTempDirectory("ginr-flac-");
            Path wav = dir.resolve("x.wav");
            WavFile.write(wav, noise(n, seed), 16000);
            Ffmpeg.encode(wav, dir.resolve("x.flac"), "-c:a", "flac");
            byte[] b = Files.readAllBytes(dir.resolve("x.flac"));
            Files.delete(wav);
            Files.delete(dir.resolve("x.flac"));
            Files.delete(dir);
            return b;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a FLAC fixture: " + e.getMessage(), e);
        }
    }

    private static void flac(Path root, String subset, String id, float[] x) throws Exception {
        String[] p = id.split("-");
        Path dir = Files.createDirectories(root.resolve(subset).resolve(p[0]).resolve(p[1]));
        Path wav = dir.resolve(id + ".tmp.wav");
        WavFile.write(wav, x, 16000);
        Ffmpeg.encode(wav, dir.resolve(id + ".flac"), "-c:a", "flac");
        Files.delete(wav);
    }

    @Test
    void extractedSubsetsBecomeTheClipLayoutTheLoaderReads(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("LibriSpeech");
        float[] longOne = noise(40000, 1); // 2.5 s: 1.5 s left after the last second is dropped
        float[] testOne = noise(25600, 2); // 1.6 s: 0.6 s left, padded to a 1 s test clip
        flac(root, "train-clean-100", "19-198-0001", longOne);
        flac(root, "train-clean-100", "19-198-0002", noise(12800, 3)); // 0.8 s: nothing left
        flac(root, "test-clean", "61-70968-0000", testOne);
        Files.writeString(Files.createDirectories(root.resolve("test-clean/61/70968")).resolve("61-70968-0001.flac"),
                "not flac");
        Path out = tmp.resolve("clips");

        LibriSpeechClips.Report r = LibriSpeechClips.prepare(new LibriSpeechClips.Settings(root, out,
                Map.of("train-clean-100", "train", "test-clean", "test"), List.of(1.0), 1, 0));

        assertEquals(Map.of("1s/test", 1, "1s/train", 1), r.clips());
        assertEquals(2, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().stream().anyMatch(s -> s.startsWith("test-clean/61-70968-0001: ffmpeg could not "
                + "decode it")), r.skipped().toString());
        assertTrue(r.skipped().stream().anyMatch(s -> s.startsWith("train-clean-100/19-198-0002: too short")),
                r.skipped().toString());

        float[] test = WavFile.read(out.resolve("1s/test/61-70968-0000.wav")).samples();
        assertEquals(16000, test.length);
        for (int i = 0; i < 16000; i++) {
            assertEquals(i < 9600 ? testOne[i] : 0f, test[i], "sample " + i); // the first 0.6 s, then zeros
        }
        float[] train = WavFile.read(out.resolve("1s/train/19-198-0001.wav")).samples();
        int start = indexOf(longOne, train);
        assertTrue(start >= 0 && start + 16000 <= 24000, "a crop inside the first 1.5 s, at " + start);

        AudioClipFolder.Split split = AudioClipFolder.loadSplit(out.resolve("1s"), 16000, 0.1, 0);
        assertEquals(1, split.train().clips().count());
        assertEquals(1, split.test().clips().count());
        List<String> manifest = Files.readAllLines(out.resolve("manifest.tsv"));
        assertEquals(List.of("clip\tutterance\tstart\tlength\tpadded", "1s/test/61-70968-0000.wav\t61-70968-0000\t0\t9600"
                + "\t6400", "1s/train/19-198-0001.wav\t19-198-0001\t" + start + "\t16000\t0"), manifest);

        LibriSpeechClips.prepare(new LibriSpeechClips.Settings(root, tmp.resolve("again"),
                Map.of("train-clean-100", "train", "test-clean", "test"), List.of(1.0), 1, 0));
        assertArrayEquals(Files.readAllBytes(out.resolve("1s/train/19-198-0001.wav")),
                Files.readAllBytes(tmp.resolve("again/1s/train/19-198-0001.wav")), "seeded crops are reproducible");
    }

    @Test
    void aMissingSubsetIsNamed(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LibriSpeechClips.prepare(
                LibriSpeechClips.Settings.paper(tmp, tmp.resolve("out"))));
        assertTrue(e.getMessage().contains("test-clean") || e.getMessage().contains("train-clean-100"), e.getMessage());
    }

    private static int indexOf(float[] haystack, float[] needle) {
        outer:
        for (int s = 0; s + needle.length <= haystack.length; s++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[s + i] != needle[i]) {
                    continue outer;
                }
            }
            return s;
        }
        return -1;
    }
}
