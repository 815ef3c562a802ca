package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.ginr.inr.GinrVersion;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checkpoints in the safetensors format, so Python users can read them ({@code safetensors.numpy.load_file}, or
 * 20 lines of numpy): an 8-byte little-endian header length, a UTF-8 JSON header mapping each tensor name to
 * {@code {"dtype": "F32"|"F64", "shape": [...], "data_offsets": [begin, end]}} plus {@code "__metadata__"} (string to
 * string: format version, library version, time written, model type, config, seed, step, data fingerprint, ...),
 * then the raw little-endian tensor bytes.
 *
 * <p>Model parameters are stored under their own names ({@code hyponet.wb0}, {@code composers.U1}, ...); optimiser
 * moments under {@code optimizer.m/NAME} and {@code optimizer.v/NAME}. Files are written atomically: a temporary
 * file beside the target ({@code .NAME.partial}) is fully written and forced to disk, then renamed over the target,
 * so a crash never leaves a half-written checkpoint; a temporary left by a killed process is removed when a run
 * folder is next opened ({@link RunFolder}). Files get the usual mode of new files (0644 under umask 022). Reading
 * validates the whole header first ({@link CheckpointHeader}) and refuses other format versions.
 */
public final class Checkpoint {

    /** Version of this layout, stored as metadata {@value #FORMAT_KEY}. */
    public static final String FORMAT = "ginr-checkpoint-1";
    /** Metadata key of the format version. */
    public static final String FORMAT_KEY = "ginr.format";
    /** Metadata key of the library version that wrote the file. */
    public static final String VERSION_KEY = "ginr.version";
    /** Metadata key of the time the file was written (ISO-8601, UTC). */
    public static final String WRITTEN_KEY = "ginr.written_at";
    /** Suffix of the temporary file a write goes through. */
    static final String PARTIAL_SUFFIX = ".partial";

    private static final Gson GSON = new Gson();

    private Checkpoint() {}

    /**
     * A checkpoint read back: tensors (in the caller's manager) and metadata.
     *
     * @param file the file it was read from, for messages
     */
    public record Contents(Map<String, NDArray> tensors, Map<String, String> metadata, Path file) {

        public String meta(String key) {
            String v = metadata.get(key);
            if (v == null) {
                throw new IllegalArgumentException("checkpoint " + file + " has no metadata '" + key + "'; present: "
                        + metadata.keySet());
            }
            return v;
        }

        /** A metadata value that must be a whole number. */
        public long metaLong(String key) {
            String v = meta(key);
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("checkpoint " + file + " has metadata " + key + " = '" + v
                        + "', which is not a whole number");
            }
        }
    }

    /** Writes tensors and metadata atomically to {@code file}, adding format, library version and time. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        tensors.forEach((name, a) -> data.put(name, littleEndianBytes(a)));
        byte[] headerBytes = header(tensors, data, metadata);
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + PARTIAL_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            try {
                // a plain stream, not an interruptible channel: the checkpoint written when a run is interrupted
                // must still reach the disk although the thread's interrupt flag is set
                try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length)
                            .array();
                    out.write(length);
                    out.write(headerBytes);
                    for (byte[] b : data.values()) {
                        out.write(b);
                    }
                    out.getFD().sync();
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The padded JSON header: each tensor's dtype, shape and byte range; the metadata with format, version, time. */
    private static byte[] header(Map<String, NDArray> tensors, Map<String, byte[]> data, Map<String, String> metadata) {
        Map<String, String> meta = new TreeMap<>(metadata);
        meta.put(FORMAT_KEY, FORMAT);
        meta.put(VERSION_KEY, GinrVersion.version());
        meta.put(WRITTEN_KEY, Instant.now().toString());
        JsonObject header = new JsonObject();
        header.add("__metadata__", GSON.toJsonTree(meta));
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            long length = data.get(e.getKey()).length;
            JsonObject t = new JsonObject();
            t.addProperty("dtype", dtypeName(e.getKey(), e.getValue().getDataType()));
            t.add("shape", GSON.toJsonTree(e.getValue().getShape().getShape()));
            t.add("data_offsets", GSON.toJsonTree(new long[] {offset, offset + length}));
            header.add(e.getKey(), t);
            offset += length;
        }
        return padded(GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes the temporary files that writes into {@code dir} left behind when their process was killed; only safe
     * while no other process writes there (under the {@link RunFolder} lock). Returns how many were removed.
     */
    static int removeStaleTemporaries(Path dir) {
        int removed = 0;
        // .ckpt-*.tmp: the temporaries of versions before the fixed .NAME.partial name
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "{.*" + PARTIAL_SUFFIX + ",.ckpt-*.tmp}")) {
            for (Path p : s) {
                removed += Files.deleteIfExists(p) ? 1 : 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean temporary files in " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** Reads a checkpoint; tensors are created in {@code manager}. */
    public static Contents read(Path file, NDManager manager) {
        byte[] all = bytes(file);
        CheckpointHeader h = CheckpointHeader.parse(file, all);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (CheckpointHeader.Entry e : h.tensors()) {
            ByteBuffer slice = ByteBuffer.wrap(all, (int) (h.dataStart() + e.begin()), (int) (e.end() - e.begin()))
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
            tensors.put(e.name(), manager.create(slice, new Shape(e.shape()), e.dataType()));
        }
        return new Contents(tensors, h.metadata(), file);
    }

    /** Reads and validates a checkpoint's header only, without making tensors: its metadata. */
    public static Contents readMetadata(Path file) {
        return new Contents(Map.of(), CheckpointHeader.parse(file, bytes(file)).metadata(), file);
    }

    private static byte[] bytes(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("checkpoint " + file + " is a folder, not a checkpoint file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + file + " does not exist");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Pads the JSON header with spaces to a multiple of 8 bytes, as safetensors writers do. */
    private static byte[] padded(byte[] header) {
        int len = (header.length + 7) / 8 * 8;
        byte[] out = java.util.Arrays.copyOf(header, len);
        java.util.Arrays.fill(out, header.length, len, (byte) ' ');
        return out;
    }

    private static byte[] littleEndianBytes(NDArray a) {
        ByteBuffer src = a.toByteBuffer(); // native order
        byte[] out = new byte[src.remaining()];
        ByteBuffer dst = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (a.getDataType() == DataType.FLOAT64) {
            while (src.hasRemaining()) {
                dst.putDouble(src.getDouble());
            }
        } else {
            while (src.hasRemaining()) {
                dst.putFloat(src.getFloat());
            }
        }
        return out;
    }

    private static String dtypeName(String name, DataType dt) {
        if (dt == DataType.FLOAT32) {
            return "F32";
        }
        if (dt == DataType.FLOAT64) {
            return "F64";
        }
        throw new IllegalArgumentException("tensor '" + name + "' has type " + dt + "; checkpoints hold float32 or "
                + "float64");
    }
}
