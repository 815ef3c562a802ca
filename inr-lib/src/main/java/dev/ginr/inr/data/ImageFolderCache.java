package dev.ginr.inr.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An on-disk cache of decoded image folders, so that loading the same folder at the same size again skips JPEG/PNG
 * decoding and resizing. A cache file holds a small header (magic, version, key, size, file lists) and the raw
 * float values of the batch. The key is a SHA-256 of the size, the limit and every candidate file's path, length
 * and modification time, so any change to the folder gives a new key and a fresh load; a damaged cache file is
 * ignored and rewritten, never trusted.
 */
public final class ImageFolderCache {

    private static final int MAGIC = 0x47494e52; // "GINR"
    private static final int VERSION = 1;

    private ImageFolderCache() {}

    /** Loads {@code candidates} at {@code size} through the cache in {@code cacheDir} (created if missing). */
    public static ImageFolder load(List<Path> candidates, int size, int limit, Path cacheDir) {
        String key = key(candidates, size, limit);
        Path file = cacheDir.resolve("images-" + size + "-" + key.substring(0, 16) + ".bin");
        if (Files.isRegularFile(file)) {
            ImageFolder cached = read(file, key, size);
            if (cached != null) {
                return cached;
            }
        }
        ImageFolder folder = ImageFolder.load(candidates, size, limit);
        write(file, key, folder);
        return folder;
    }

    /** The cache key of a listing: changes when any file is added, removed, resized or touched. */
    static String key(List<Path> candidates, int size, int limit) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("v" + VERSION + " size=" + size + " limit=" + limit + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path f : candidates) {
                String stamp;
                try {
                    stamp = Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    stamp = "missing";
                }
                sha.update((f.toAbsolutePath().normalize() + "\t" + stamp + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ImageFolder read(Path file, String key, int size) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(key)
                    || in.readInt() != size) {
                return null;
            }
            List<Path> ok = readPaths(in);
            List<Path> bad = readPaths(in);
            float[] values = new float[ok.size() * size * size * 3];
            byte[] bytes = in.readNBytes(values.length * Float.BYTES);
            if (bytes.length != values.length * Float.BYTES || in.read() != -1) {
                return null;
            }
            ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
            return new ImageFolder(ok, new SignalBatch(values, ok.size(), new int[] {size, size}, 3), bad);
        } catch (IOException | RuntimeException e) {
            return null; // damaged or foreign file: reload and overwrite it
        }
    }

    private static List<Path> readPaths(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative path count " + n);
        }
        List<Path> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add(Path.of(in.readUTF()));
        }
        return List.copyOf(paths);
    }

    private static void write(Path file, String key, ImageFolder folder) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".bin");
            try {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    out.writeInt(MAGIC);
                    out.writeInt(VERSION);
                    out.writeUTF(key);
                    out.writeInt(folder.images().grid()[0]);
                    writePaths(out, folder.files());
                    writePaths(out, folder.skipped());
                    float[] values = folder.images().values();
                    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
                    bytes.asFloatBuffer().put(values);
                    out.write(bytes.array());
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writePaths(DataOutputStream out, List<Path> paths) throws IOException {
        out.writeInt(paths.size());
        for (Path p : paths) {
            out.writeUTF(p.toString());
        }
    }
}
