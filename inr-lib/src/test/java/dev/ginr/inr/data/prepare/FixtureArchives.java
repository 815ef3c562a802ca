package dev.ginr.inr.data.prepare;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small archives, images and digests made by the tests (nothing is downloaded). */
final class FixtureArchives {

    /** Marks an entry as a symbolic link to the given target instead of a file. */
    record Link(String target) {}

    private FixtureArchives() {}

    /** An ordered map of entry names to contents: byte[] for files, {@link Link} for symlinks. */
    static Map<String, Object> entries(Object... nameThenContent) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object c = nameThenContent[i + 1];
            m.put((String) nameThenContent[i], c instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : c);
        }
        return m;
    }

    /** A tar archive, gzipped when {@code gzip}. */
    static byte[] tar(Map<String, Object> entries, boolean gzip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip ? new GzipCompressorOutputStream(bytes)
                : bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                if (e.getValue() instanceof Link link) {
                    TarArchiveEntry t = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    t.setLinkName(link.target());
                    tar.putArchiveEntry(t);
                } else {
                    byte[] data = (byte[]) e.getValue();
                    TarArchiveEntry t = new TarArchiveEntry(e.getKey(), true);
                    t.setSize(data.length);
                    tar.putArchiveEntry(t);
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip archive; a {@link Link} becomes a Unix symlink entry. */
    static byte[] zip(Map<String, Object> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                ZipArchiveEntry z = new ZipArchiveEntry(e.getKey());
                byte[] data;
                if (e.getValue() instanceof Link link) {
                    z.setUnixMode(0120777); // S_IFLNK | 0777
                    data = link.target().getBytes(StandardCharsets.UTF_8);
                } else {
                    data = (byte[]) e.getValue();
                }
                zip.putArchiveEntry(z);
                zip.write(data);
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A textured JPEG or PNG of the given size (format "jpg" or "png"). */
    static byte[] image(int width, int height, int seed, String format) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 7 + seed * 40) & 0xff;
                int g = (y * 5 + seed * 13) & 0xff;
                int b = ((x ^ y) * 3 + seed) & 0xff;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
