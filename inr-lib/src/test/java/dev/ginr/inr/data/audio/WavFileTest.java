package dev.ginr.inr.data.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavFileTest {

    @Test
    void sixteenBitFilesRoundTripExactlyAndRewriteByteIdentical(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        float[] x = new float[4001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.max(-0.99, Math.min(0.99, r.nextGaussian() * 0.3));
        }
        Path a = dir.resolve("a.wav");
        WavFile.write(a, x, 16000);
        assertEquals(44 + 2 * x.length, Files.size(a));
        Waveform w = WavFile.read(a);
        assertEquals(16000, w.sampleRate());
        assertEquals(x.length, w.length());
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], w.samples()[i], 0.5 / 32768 + 1e-7, "sample " + i); // quantisation only
        }
        Path b = dir.resolve("b.wav");
        WavFile.write(b, w);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void writingClampsToFullScale() {
        byte[] bytes = WavFile.bytes16(new float[] {1.5f, -2f, 1f, -1f, 0.5f, Float.NaN}, 8000);
        float[] s = WavFile.read(bytes).samples();
        assertArrayEquals(new float[] {32767 / 32768f, -1f, 32767 / 32768f, -1f, 0.5f, 0f}, s);
    }

    @Test
    void readsHandMadeHeadersOfEveryDepth() {
        byte[] u8 = new WavBytes().fmt(1, 1, 8000, 8).data(new byte[] {0, (byte) 128, (byte) 255}).bytes();
        assertArrayEquals(new float[] {-1f, 0f, 127 / 128f}, WavFile.read(u8).samples());

        byte[] s24 = new WavBytes().fmt(1, 1, 16000, 24)
                .data(new byte[] {0, 0, 0x40, 0, 0, (byte) 0xC0, (byte) 0xFF, (byte) 0xFF, 0x7F}).bytes();
        assertArrayEquals(new float[] {0.5f, -0.5f, 8388607 / 8388608f}, WavFile.read(s24).samples());

        byte[] s32 = new WavBytes().fmt(1, 1, 16000, 32).data(WavBytes.le(8).putInt(1 << 30).putInt(Integer.MIN_VALUE)
                .array()).bytes();
        assertArrayEquals(new float[] {0.5f, -1f}, WavFile.read(s32).samples());

        byte[] f32 = new WavBytes().fmt(3, 1, 22050, 32).data(WavBytes.le(8).putFloat(0.25f).putFloat(-0.75f).array())
                .bytes();
        Waveform w = WavFile.read(f32);
        assertArrayEquals(new float[] {0.25f, -0.75f}, w.samples());
        assertEquals(22050, w.sampleRate());
    }

    @Test
    void stereoIsMixedDownByTheMeanAndExtensibleHeadersAndOtherChunksAreRead() {
        byte[] stereo = new WavBytes().fmt(1, 2, 44100, 16).data16((short) 16384, (short) -8192, (short) 0,
                (short) 32767).bytes();
        assertArrayEquals(new float[] {0.125f, 32767 / 65536f}, WavFile.read(stereo).samples());

        byte[] ext = new WavBytes().fmtExtensible(1, 1, 48000, 16)
                .raw("LIST", new byte[] {1, 2, 3}, 3) // odd-sized chunk, padded to 4 bytes
                .data16((short) -16384).bytes();
        Waveform w = WavFile.read(ext);
        assertArrayEquals(new float[] {-0.5f}, w.samples());
        assertEquals(48000, w.sampleRate());
    }

    @Test
    void everyBadFileIsRefusedWithItsReason() {
        assertReason("empty file", new byte[0]);
        assertReason("corrupt header: 5 bytes", new byte[] {'R', 'I', 'F', 'F', 0});
        assertReason("not a RIFF/WAVE file (starts with \"OggS\"", "OggS and then some bytes".getBytes());
        assertReason("corrupt header: no fmt chunk", new WavBytes().raw("LIST", new byte[2], 2).bytes());
        assertReason("corrupt header: data chunk before the fmt chunk", new WavBytes().data16((short) 1).bytes());
        assertReason("corrupt header: no data chunk", new WavBytes().fmt(1, 1, 16000, 16).bytes());
        assertReason("truncated: the data chunk declares 1000 bytes, the file has 4",
                new WavBytes().fmt(1, 1, 16000, 16).raw("data", new byte[4], 1000).bytes());
        assertReason("unsupported encoding: format tag 0x0006 (A-law)", new WavBytes().fmt(6, 1, 8000, 8)
                .data(new byte[4]).bytes());
        assertReason("unsupported encoding: format tag 0x0055 (MP3)", new WavBytes().fmtExtensible(0x55, 1, 8000, 16)
                .data(new byte[4]).bytes());
        assertReason("unsupported encoding: 12-bit PCM", new WavBytes().fmt(1, 1, 8000, 12).data(new byte[4]).bytes());
        assertReason("corrupt header: 0 channels", new WavBytes().fmt(1, 0, 8000, 16).data(new byte[4]).bytes());
        assertReason("no samples (data chunk of 1 bytes)", new WavBytes().fmt(1, 1, 8000, 16).data(new byte[1])
                .bytes());
    }

    private static void assertReason(String start, byte[] bytes) {
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavFile.read(bytes));
        assertTrue(e.getMessage().startsWith(start), "expected \"" + start + "...\", got \"" + e.getMessage() + "\"");
    }
}
