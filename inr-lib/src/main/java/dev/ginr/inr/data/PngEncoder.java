package dev.ginr.inr.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small PNG encoder for opaque 8-bit RGB pixels: signature, IHDR, one IDAT (every row Paeth-filtered, then
 * zlib-deflated), IEND. It writes tens of thousands of small crops several times faster than ImageIO's general
 * writer, and the same pixels always give the same bytes.
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int PAETH = 4;

    private PngEncoder() {}

    /**
     * PNG bytes of packed {@code 0xRRGGBB} pixels, row-major.
     *
     * @throws IllegalArgumentException if {@code rgb} does not hold {@code width * height} pixels
     */
    public static byte[] encode(int[] rgb, int width, int height) {
        if (width < 1 || height < 1 || rgb.length != width * height) {
            throw new IllegalArgumentException("a " + width + " x " + height + " PNG needs " + (long) width * height
                    + " pixels, got " + rgb.length);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(width * height + 128);
            out.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream(13);
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, truecolour RGB, deflate, adaptive filtering, no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", deflate(filtered(rgb, width, height)));
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory: " + e.getMessage(), e);
        }
    }

    /** Each row as a filter-type byte (Paeth) followed by the filtered R, G, B bytes (PNG spec, section 9). */
    static byte[] filtered(int[] rgb, int width, int height) {
        int stride = 3 * width;
        byte[] out = new byte[(stride + 1) * height];
        int o = 0;
        for (int y = 0; y < height; y++) {
            out[o++] = PAETH;
            for (int i = 0; i < stride; i++) {
                int x = i / 3;
                int shift = 16 - 8 * (i % 3);
                int raw = (rgb[y * width + x] >> shift) & 0xff;
                int left = x > 0 ? (rgb[y * width + x - 1] >> shift) & 0xff : 0;
                int up = y > 0 ? (rgb[(y - 1) * width + x] >> shift) & 0xff : 0;
                int upLeft = x > 0 && y > 0 ? (rgb[(y - 1) * width + x - 1] >> shift) & 0xff : 0;
                out[o++] = (byte) (raw - paeth(left, up, upLeft));
            }
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
