package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.data.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineSpeechSetTest {

    /** A prompt: {@code pad} s of silence, a {@code seconds} s tone burst, {@code pad} s of silence. */
    private static float[] prompt(int rate, double hz, double seconds, double pad) {
        int p = (int) (pad * rate);
        int n = (int) (seconds * rate);
        float[] x = new float[2 * p + n];
        for (int i = 0; i < n; i++) {
            x[p + i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    private static List<SpeechSource> sources(Path tmp) throws Exception {
        Path wavs = Files.createDirectories(tmp.resolve("wav-prompts"));
        for (int i = 0; i < 6; i++) { // 22.05 kHz WAV prompts: resampled to 16 kHz
            WavFile.write(wavs.resolve("p" + i + ".wav"), prompt(22050, 200 + 50 * i, 0.7, 0.4), 22050);
        }
        Path g722 = Files.createDirectories(tmp.resolve("g722-prompts"));
        for (int i = 0; i < 3; i++) { // headerless G.722, as asterisk-core-sounds ships them
            Path wav = tmp.resolve("q" + i + ".wav");
            WavFile.write(wav, prompt(16000, 300 + 70 * i, 1.2, 0.3), 16000);
            Ffmpeg.encode(wav, g722.resolve("q" + i + ".g722"), "-c:a", "g722", "-f", "g722");
        }
        WavFile.write(g722.resolve("beep.wav"), prompt(16000, 1000, 0.2, 0), 16000); // not a .g722: ignored
        Files.write(g722.resolve("beep.g722"), new byte[100]); // a tone by name: ignored
        return List.of(new SpeechSource("w", wavs, "wav", null, "tones", "test"),
                new SpeechSource("g", g722, "g722", "g722", "tones", "test"));
    }

    @Test
    void recordingsAreTrimmedJoinedCutAndSplitByRecording(@TempDir Path tmp) throws Exception {
        List<SpeechSource> src = sources(tmp);
        Path out = tmp.resolve("set");
        OfflineSpeechSet.Report r = OfflineSpeechSet.build(new OfflineSpeechSet.Settings(out, List.of(1.0), 0, 0.34,
                src));
        assertFalse(r.upToDate());
        assertEquals(Map.of("g", 3, "w", 6), r.recordings());
        assertEquals(Map.of("g", 1, "w", 2), r.heldOut());
        // w train: 4 prompts of 0.7 s + 2 x 0.05 s margin, 3 gaps of 0.15 s = 3.65 s -> 3 clips; test: 2 -> 1.75 s -> 1
        assertEquals(3, r.clips().get("1s/train") - count(r, "g", "train", out));
        List<String> rows = Files.readAllLines(out.resolve(OfflineSpeechSet.MANIFEST));
        assertEquals(SpeechManifest.HEADER, rows.get(0));
        assertEquals(r.clips().values().stream().mapToInt(Integer::intValue).sum(), rows.size() - 1);
        Set<String> trainRecordings = new HashSet<>();
        Set<String> testRecordings = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            for (String span : f[11].split(";")) {
                (f[1].equals("train") ? trainRecordings : testRecordings).add(f[3] + "/" + span.split("@")[0]);
            }
            assertEquals(16000, WavFile.read(out.resolve(f[2])).length());
            assertEquals("no", f[5]);
        }
        assertTrue(trainRecordings.stream().noneMatch(testRecordings::contains), "no recording in both splits");
        assertEquals(9, trainRecordings.size() + testRecordings.size(), "every recording is used");
        float[] first = WavFile.read(out.resolve("1s/train/w-0000.wav")).samples();
        assertTrue(Math.abs(first[1200]) > 0.05 || Math.abs(first[1300]) > 0.05,
                "leading silence is trimmed to a 50 ms margin: the tone sounds at 75 ms");
        assertEquals(r.clips(), OfflineSpeechSet.build(new OfflineSpeechSet.Settings(out, List.of(1.0), 0, 0.34, src))
                .clips());
        assertTrue(OfflineSpeechSet.build(new OfflineSpeechSet.Settings(out, List.of(1.0), 0, 0.34, src)).upToDate());

        Path again = tmp.resolve("again");
        OfflineSpeechSet.build(new OfflineSpeechSet.Settings(again, List.of(1.0), 0, 0.34, src));
        assertEquals(files(out), files(again));
        for (String f : files(out)) {
            assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
        AudioClipFolder.Split split = AudioClipFolder.loadSplit(out.resolve("1s"), 16000, 0.1, 0);
        assertEquals(r.clips().get("1s/train"), split.train().clips().count());
        assertTrue(split.train().skipped().isEmpty() && split.test().skipped().isEmpty());
    }

    private static int count(OfflineSpeechSet.Report r, String source, String split, Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("1s").resolve(split))) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith(source + "-")).count();
        }
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
                    .toList());
        }
    }
}
