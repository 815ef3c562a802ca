package dev.ginr.inr.data.audio;

import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.SignalBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioClipFolderTest {

    private static float[] tone(double hz, int rate, double seconds, double amplitude) {
        return SincResamplerTest.tone(hz, rate, seconds, amplitude);
    }

    @Test
    void goodFilesBecomeSixteenKilohertzClipsAndBadOnesAreCountedWithTheirReason(@TempDir Path dir) throws Exception {
        WavFile.write(dir.resolve("a-16k.wav"), tone(440, 16000, 1.2, 0.5), 16000);
        WavFile.write(dir.resolve("b-44k.wav"), tone(440, 44100, 1.1, 0.5), 44100);
        Files.write(dir.resolve("c-stereo-8k.wav"), new WavBytes().fmt(1, 2, 8000, 16)
                .data(stereo(tone(440, 8000, 1.5, 0.5))).bytes());
        WavFile.write(dir.resolve("d-short.wav"), tone(440, 16000, 0.5, 0.5), 16000);
        Files.write(dir.resolve("e-empty.wav"), new byte[0]);
        Files.write(dir.resolve("f-corrupt.wav"), "RIFF\0\0\0\0WAVEfmt ".getBytes());
        Files.write(dir.resolve("g-alaw.wav"), new WavBytes().fmt(6, 1, 8000, 8).data(new byte[16000]).bytes());
        Files.write(dir.resolve("notes.txt"), "not audio".getBytes());

        AudioClipFolder f = AudioClipFolder.load(dir, 16000);
        assertEquals(List.of("a-16k.wav", "b-44k.wav", "c-stereo-8k.wav"),
                f.files().stream().map(p -> p.getFileName().toString()).toList());
        SignalBatch clips = f.clips();
        assertEquals(3, clips.count());
        assertArrayEquals(new int[] {16000}, clips.grid());
        assertEquals(1, clips.channels());
        assertEquals(1.0, f.clipSeconds());
        for (int i = 0; i < 3; i++) {
            float[] c = clips.signal(i);
            double worst = 0;
            for (int n = 1600; n < 14400; n++) { // the same 440 Hz tone at 16 kHz, whatever the source rate
                worst = Math.max(worst, Math.abs(c[n] - 0.5 * Math.sin(2 * Math.PI * 440 * n / 16000.0)));
            }
            assertTrue(worst < 2e-3, f.files().get(i) + " deviates by " + worst);
        }
        Map<String, String> reasons = f.skipped().stream().collect(Collectors.toMap(
                s -> s.file().getFileName().toString(), AudioClipFolder.Skipped::reason));
        assertEquals("too short for one clip (0.500 s, a clip is 1.000 s)", reasons.get("d-short.wav"));
        assertEquals("empty file", reasons.get("e-empty.wav"));
        assertTrue(reasons.get("f-corrupt.wav").startsWith("corrupt header"), reasons.get("f-corrupt.wav"));
        assertTrue(reasons.get("g-alaw.wav").startsWith("unsupported encoding"), reasons.get("g-alaw.wav"));
        assertEquals(4, reasons.size());
        assertEquals("read 3 clips, skipped 4 files (1 corrupt header, 1 empty file, 1 too short for one clip, "
                + "1 unsupported encoding)", f.summary());
    }

    @Test
    void valuesStayInMinusOneToOne(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("loud.wav"), new WavBytes().fmt(3, 1, 16000, 32)
                .data(WavBytes.le(12).putFloat(1.7f).putFloat(-3f).putFloat(0.25f).array()).bytes());
        assertArrayEquals(new float[] {1f, -1f, 0.25f}, AudioClipFolder.load(dir, 3).clips().values());
    }

    @Test
    void aFolderWithTrainAndTestIsUsedAsSplitOtherwiseFilesAreHeldOutBySeed(@TempDir Path dir) {
        for (String name : List.of("train/x.wav", "train/y.wav", "test/z.wav")) {
            WavFile.write(dir.resolve(name), tone(300, 16000, 1, 0.3), 16000);
        }
        AudioClipFolder.Split s = AudioClipFolder.loadSplit(dir, 16000, 0.1, 0);
        assertEquals(2, s.train().clips().count());
        assertEquals(1, s.test().clips().count());
        assertEquals("train: read 2 clips; test: read 1 clip", s.summary());

        AudioClipFolder.Split flat = AudioClipFolder.loadSplit(dir.resolve("train"), 16000, 0.5, 3);
        assertEquals(1, flat.train().clips().count());
        assertEquals(1, flat.test().clips().count());
        assertTrue(!flat.train().files().equals(flat.test().files()));
    }

    @Test
    void unreadableSubfoldersAreCountedAndGinrOutputFoldersAreNotReadAsClips(@TempDir Path dir) throws Exception {
        WavFile.write(dir.resolve("a/x.wav"), tone(300, 16000, 1, 0.3), 16000);
        Path loop = Files.createDirectories(dir.resolve("b"));
        Files.createSymbolicLink(loop.resolve("again"), dir); // a symbolic-link loop cannot be listed, even by root
        Path out = dir.resolve("recon");
        ImageFiles.markAsOutput(out, "ginr reconstruct");
        WavFile.write(out.resolve("recon-000.wav"), tone(300, 16000, 1, 0.3), 16000);

        AudioClipFolder f = AudioClipFolder.load(dir, 16000);
        assertEquals(List.of(dir.resolve("a/x.wav")), f.files());
        assertEquals(List.of(loop.resolve("again")), f.listing().unreadableFolders());
        assertEquals(List.of(out), f.listing().outputFolders());
        assertEquals("read 1 clip, skipped 1 unreadable folder (" + loop.resolve("again") + "), ignored 1 folder of "
                + "ginr output (" + out + ")", f.summary());
        assertEquals(1, AudioClipFolder.load(out, 16000).count(), "asked for by name, the folder is read");
    }

    @Test
    void firstKeepsTheFirstClipsInBatchOrder(@TempDir Path dir) {
        for (String name : List.of("x.wav", "y.wav", "z.wav")) {
            WavFile.write(dir.resolve(name), tone(300, 16000, 1, 0.3), 16000);
        }
        AudioClipFolder f = AudioClipFolder.load(dir, 8000);
        AudioClipFolder two = f.first(2);
        assertEquals(f.files().subList(0, 2), two.files());
        assertArrayEquals(java.util.Arrays.copyOf(f.clips().values(), 16000), two.signals().values());
        assertEquals(3, f.first(0).count());
    }

    private static byte[] stereo(float[] mono) {
        var b = WavBytes.le(mono.length * 4);
        for (float x : mono) {
            short s = WavFile.toInt16(x);
            b.putShort(s).putShort(s);
        }
        return b.array();
    }
}
