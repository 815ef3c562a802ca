package dev.ginr.inr.data.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-made WAV files for tests: a RIFF header, chunks written field by field. */
final class WavBytes {

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    /** A plain fmt chunk. */
    WavBytes fmt(int tag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        return chunk("fmt ", le(16).putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align)
                .putShort((short) align).putShort((short) bits));
    }

    /** A WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with {@code subTag}. */
    WavBytes fmtExtensible(int subTag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        ByteBuffer b = le(40).putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * align)
                .putShort((short) align).putShort((short) bits).putShort((short) 22).putShort((short) bits).putInt(0)
                .putShort((short) subTag);
        b.put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b);
    }

    WavBytes chunk(String id, ByteBuffer body) {
        return raw(id, body.array(), body.position());
    }

    /** A chunk of {@code size} declared bytes with the given body (which may be shorter: a truncated file). */
    WavBytes raw(String id, byte[] body, int declaredSize) {
        ByteBuffer h = le(8).put(id.getBytes(StandardCharsets.US_ASCII)).putInt(declaredSize);
        chunks.writeBytes(h.array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1 && body.length == declaredSize) {
            chunks.write(0);
        }
        return this;
    }

    WavBytes data(byte[] samples) {
        return raw("data", samples, samples.length);
    }

    WavBytes data16(short... samples) {
        ByteBuffer b = le(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return data(b.array());
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer b = le(12 + body.length).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
