package dev.ginr.inr.data.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * RIFF/WAVE files in and out, in plain Java.
 *
 * <p>Reads PCM with 8 (unsigned), 16, 24 or 32 bits per sample and IEEE float with 32 or 64 bits, plain or
 * {@code WAVE_FORMAT_EXTENSIBLE}, any number of channels (mixed down to mono by their mean), at the file's own rate;
 * integer samples are scaled by 1 / 2^(bits - 1) into [-1, 1). Chunks other than {@code fmt } and {@code data} are
 * skipped. Anything else is refused with a {@link WavFormatException} whose message is the reason: an empty file,
 * a corrupt or truncated header, an unsupported encoding (A-law, ADPCM, MP3, ...), no samples.
 *
 * <p>Writes mono 16-bit PCM (44-byte header), samples clamped to [-1, 1] and rounded to x 32768 (clamped to 32767),
 * so a 16-bit file read and written again is byte-identical. Writes go to a temporary file renamed into place.
 */
public final class WavFile {

    private static final int PCM = 1;
    private static final int FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final Map<Integer, String> KNOWN_TAGS = Map.of(2, "Microsoft ADPCM", 6, "A-law", 7, "mu-law",
            0x11, "IMA ADPCM", 0x31, "GSM 6.10", 0x55, "MP3", 0x64, "G.721 ADPCM", 0x65, "G.722 ADPCM");

    private WavFile() {}

    /** The sample format of a file's {@code fmt } chunk. */
    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bits) {}

    /** Reads a WAV file as a mono waveform at its own rate; {@link WavFormatException} names why one is refused. */
    public static Waveform read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes);
    }

    /** Reads the bytes of a WAV file; see {@link #read(Path)}. */
    public static Waveform read(byte[] bytes) {
        if (bytes.length == 0) {
            throw new WavFormatException("empty file");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw new WavFormatException("corrupt header: " + bytes.length + " bytes, shorter than a RIFF header");
        }
        String riff = fourCc(b, 0);
        if (!riff.equals("RIFF") || !fourCc(b, 8).equals("WAVE")) {
            throw new WavFormatException("not a RIFF/WAVE file (starts with \"" + printable(riff) + "\""
                    + (riff.equals("RIFX") || riff.equals("RF64") ? ", a variant this reader does not support" : "")
                    + ")");
        }
        Format format = null;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = fourCc(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            long available = bytes.length - body;
            if (id.equals("fmt ")) {
                if (size < 16 || size > available) {
                    throw new WavFormatException("corrupt header: fmt chunk of " + size + " bytes (" + available
                            + " left in the file, at least 16 needed)");
                }
                format = format(b, body, (int) size);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new WavFormatException("corrupt header: data chunk before the fmt chunk");
                }
                boolean streamed = size == 0 || size == 0xFFFFFFFFL; // writers that could not seek back
                if (!streamed && size > available) {
                    throw new WavFormatException("truncated: the data chunk declares " + size + " bytes, the file has "
                            + available);
                }
                return samples(b, body, (int) (streamed ? available : size), format);
            }
            pos = (int) Math.min(bytes.length, body + size + (size & 1)); // chunks are padded to even sizes
        }
        throw new WavFormatException(format == null ? "corrupt header: no fmt chunk" : "corrupt header: no data chunk");
    }

    private static Format format(ByteBuffer b, int at, int size) {
        int tag = Short.toUnsignedInt(b.getShort(at));
        int channels = Short.toUnsignedInt(b.getShort(at + 2));
        int rate = b.getInt(at + 4);
        int blockAlign = Short.toUnsignedInt(b.getShort(at + 12));
        int bits = Short.toUnsignedInt(b.getShort(at + 14));
        if (tag == EXTENSIBLE) {
            if (size < 40) {
                throw new WavFormatException("corrupt header: WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size
                        + " bytes, 40 needed");
            }
            tag = Short.toUnsignedInt(b.getShort(at + 24)); // the first two bytes of the sub-format GUID
        }
        if (channels < 1 || rate < 1) {
            throw new WavFormatException("corrupt header: " + channels + " channels at " + rate + " Hz");
        }
        boolean pcm = tag == PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean flt = tag == FLOAT && (bits == 32 || bits == 64);
        if (!pcm && !flt) {
            String name = tag == PCM ? bits + "-bit PCM" : tag == FLOAT ? bits + "-bit float"
                    : String.format("format tag 0x%04X", tag) + (KNOWN_TAGS.containsKey(tag) ? " (" + KNOWN_TAGS.get(tag)
                    + ")" : "");
            throw new WavFormatException("unsupported encoding: " + name
                    + "; PCM 8/16/24/32-bit and float 32/64-bit are read");
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new WavFormatException("corrupt header: block align " + blockAlign + " for " + channels + " x "
                    + bits + "-bit samples");
        }
        return new Format(tag, channels, rate, blockAlign, bits);
    }

    /** Decodes whole frames and mixes the channels down by their mean. */
    private static Waveform samples(ByteBuffer b, int at, int length, Format f) {
        int frames = length / f.blockAlign();
        if (frames == 0) {
            throw new WavFormatException("no samples (data chunk of " + length + " bytes)");
        }
        int bytesPerSample = f.bits() / 8;
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            int frame = at + i * f.blockAlign();
            for (int c = 0; c < f.channels(); c++) {
                sum += sample(b, frame + c * bytesPerSample, f);
            }
            out[i] = (float) (sum / f.channels());
        }
        return new Waveform(out, f.sampleRate());
    }

    private static double sample(ByteBuffer b, int at, Format f) {
        if (f.tag() == FLOAT) {
            return f.bits() == 32 ? b.getFloat(at) : b.getDouble(at);
        }
        return switch (f.bits()) {
            case 8 -> (Byte.toUnsignedInt(b.get(at)) - 128) / 128.0; // 8-bit WAV is unsigned, 128 = silence
            case 16 -> b.getShort(at) / 32768.0;
            case 24 -> ((b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16) / 8388608.0;
            default -> b.getInt(at) / 2147483648.0;
        };
    }

    /** Writes mono 16-bit PCM at {@code sampleRate} Hz, atomically. */
    public static void write(Path file, float[] samples, int sampleRate) {
        byte[] bytes = bytes16(samples, sampleRate);
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".part");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a waveform as mono 16-bit PCM at its own rate. */
    public static void write(Path file, Waveform w) {
        write(file, w.samples(), w.sampleRate());
    }

    /** The bytes of a mono 16-bit PCM WAV file. */
    public static byte[] bytes16(float[] samples, int sampleRate) {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRate);
        }
        int data = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + data);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) PCM).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
        b.putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data);
        for (float x : samples) {
            b.putShort(toInt16(x));
        }
        return b.array();
    }

    /** One sample as 16-bit PCM: x 32768, rounded, clamped to [-32768, 32767]; NaN becomes 0. */
    static short toInt16(float x) {
        if (Float.isNaN(x)) {
            return 0;
        }
        long v = Math.round(x * 32768.0);
        return (short) Math.max(-32768, Math.min(32767, v));
    }

    private static String fourCc(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(at + i) & 0xFF);
        }
        return new String(c);
    }

    private static String printable(String s) {
        return s.chars().mapToObj(c -> c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02X", c))
                .reduce("", String::concat);
    }
}
