package dev.ginr.inr.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a Qt binary resource container ({@code .rcc}, as written by {@code rcc -binary}), the format GCompris ships
 * its activity data in. Layout (all integers big-endian):
 * <ul>
 *   <li>header: magic {@code "qres"}, format version (1 to 3), then the offsets of the tree, data and names
 *       sections (and, from version 3, a flags word);</li>
 *   <li>tree: fixed-size nodes (14 bytes, plus an 8-byte modification time from version 2): name offset (4),
 *       flags (2; 1 = zlib-compressed, 2 = directory, 4 = zstd-compressed), then for a directory its child count
 *       (4) and first child index (4), for a file its territory (2), language (2) and data offset (4). Node 0 is
 *       the root directory;</li>
 *   <li>names: length in UTF-16 units (2), a hash (4), then the name in UTF-16BE;</li>
 *   <li>data: a length (4) and the bytes; a zlib-compressed entry starts with its uncompressed length (4) followed
 *       by a zlib stream ({@code qCompress}).</li>
 * </ul>
 * Only what is needed to list and read files is implemented; zstd-compressed entries are listed but cannot be read.
 */
public final class QtResourceFile {

    private static final int COMPRESSED_ZLIB = 1;
    private static final int DIRECTORY = 2;
    private static final int COMPRESSED_ZSTD = 4;
    /** Largest entry we agree to inflate: a corrupt length must not exhaust memory. */
    private static final int MAX_ENTRY_BYTES = 256 << 20;

    /**
     * One file in the container.
     *
     * @param path        absolute path inside the container, e.g. {@code /gcompris/src/activities/erase/resource/bee.webp}
     * @param flags       node flags (see the class comment)
     * @param dataOffset  offset of the entry in the data section
     */
    public record Entry(String path, int flags, int dataOffset) {

        /** True if the entry is stored zlib-compressed. */
        public boolean zlibCompressed() {
            return (flags & COMPRESSED_ZLIB) != 0;
        }
    }

    private final Path file;
    private final ByteBuffer bytes;
    private final int version;
    private final int tree;
    private final int data;
    private final int names;
    private final List<Entry> entries;
    private final Map<String, Entry> byPath = new HashMap<>();

    private QtResourceFile(Path file, ByteBuffer bytes) {
        this.file = file;
        this.bytes = bytes;
        if (bytes.limit() < 20 || bytes.getInt(0) != 0x71726573) { // "qres"
            throw new IllegalArgumentException(file + " is not a Qt resource file (no 'qres' header)");
        }
        version = bytes.getInt(4);
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException(file + " has Qt resource format version " + version
                    + "; versions 1 to 3 are supported");
        }
        tree = bytes.getInt(8);
        data = bytes.getInt(12);
        names = bytes.getInt(16);
        for (int offset : new int[] {tree, data, names}) {
            if (offset < 20 || offset >= bytes.limit()) {
                throw new IllegalArgumentException(file + " is damaged: section offset " + offset
                        + " lies outside the file (" + bytes.limit() + " bytes)");
            }
        }
        List<Entry> found = new ArrayList<>();
        walk(0, "", found, 0);
        entries = List.copyOf(found);
        entries.forEach(e -> byPath.put(e.path(), e));
    }

    /** Opens and indexes {@code file}; the whole container is read into memory (GCompris's are a few MB). */
    public static QtResourceFile open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException(file + " is too large for a Qt resource file (" + size + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading until the buffer is full
            }
            buf.flip();
            return new QtResourceFile(file, buf);
        }
    }

    /** Every file in the container, in tree order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The file at {@code path} (e.g. {@code /gcompris/src/...}), or {@code null} if there is none. */
    public Entry entry(String path) {
        return byPath.get(path);
    }

    /** The container's format version (1 to 3). */
    public int version() {
        return version;
    }

    /** The uncompressed bytes of {@code entry}. */
    public byte[] read(Entry entry) throws IOException {
        if ((entry.flags() & COMPRESSED_ZSTD) != 0) {
            throw new IOException(entry.path() + " in " + file + " is zstd-compressed, which is not supported");
        }
        int at = data + entry.dataOffset();
        int length = checkedLength(at, entry.path());
        byte[] stored = new byte[length];
        bytes.get(at + 4, stored);
        return entry.zlibCompressed() ? inflate(stored, entry.path()) : stored;
    }

    private void walk(int node, String parent, List<Entry> out, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException(file + " is damaged: directory tree deeper than 64 levels");
        }
        int at = tree + node * nodeSize();
        if (at < 0 || at + 14 > bytes.limit()) {
            throw new IllegalArgumentException(file + " is damaged: tree node " + node + " lies outside the file");
        }
        int flags = Short.toUnsignedInt(bytes.getShort(at + 4));
        String path = node == 0 ? "" : parent + "/" + name(bytes.getInt(at));
        if ((flags & DIRECTORY) != 0) {
            int children = bytes.getInt(at + 6);
            int first = bytes.getInt(at + 10);
            for (int c = first; c < first + children; c++) {
                walk(c, path, out, depth + 1);
            }
        } else {
            out.add(new Entry(path, flags, bytes.getInt(at + 10)));
        }
    }

    private int nodeSize() {
        return version >= 2 ? 22 : 14;
    }

    private String name(int offset) {
        int at = names + offset;
        if (offset < 0 || at + 6 > bytes.limit()) {
            throw new IllegalArgumentException(file + " is damaged: name offset " + offset + " lies outside the file");
        }
        int units = Short.toUnsignedInt(bytes.getShort(at));
        if (at + 6 + 2 * units > bytes.limit()) {
            throw new IllegalArgumentException(file + " is damaged: a name runs past the end of the file");
        }
        byte[] utf16 = new byte[2 * units];
        bytes.get(at + 6, utf16);
        return new String(utf16, StandardCharsets.UTF_16BE);
    }

    private int checkedLength(int at, String path) throws IOException {
        if (at < 0 || at + 4 > bytes.limit()) {
            throw new IOException(path + " in " + file + ": data offset lies outside the file");
        }
        int length = bytes.getInt(at);
        if (length < 0 || at + 4L + length > bytes.limit()) {
            throw new IOException(path + " in " + file + ": stored length " + length + " runs past the end of the file");
        }
        return length;
    }

    // qCompress: a 4-byte big-endian uncompressed length, then a zlib stream.
    private byte[] inflate(byte[] stored, String path) throws IOException {
        if (stored.length < 4) {
            throw new IOException(path + " in " + file + ": compressed entry shorter than its length prefix");
        }
        int expected = ByteBuffer.wrap(stored, 0, 4).getInt();
        if (expected < 0 || expected > MAX_ENTRY_BYTES) {
            throw new IOException(path + " in " + file + ": implausible uncompressed length " + expected);
        }
        Inflater inflater = new Inflater();
        inflater.setInput(stored, 4, stored.length - 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expected, 16));
        byte[] chunk = new byte[1 << 16];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException(path + " in " + file + ": zlib stream ends early");
                }
                out.write(chunk, 0, n);
                if (out.size() > expected) {
                    throw new IOException(path + " in " + file + ": inflates past its stated length " + expected);
                }
            }
        } catch (DataFormatException e) {
            throw new IOException(path + " in " + file + ": bad zlib data (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
        if (out.size() != expected) {
            throw new IOException(path + " in " + file + ": inflated to " + out.size() + " bytes, expected " + expected);
        }
        return out.toByteArray();
    }
}
