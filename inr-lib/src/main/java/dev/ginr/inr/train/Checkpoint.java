package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checkpoints in the safetensors format, so Python users can read them ({@code safetensors.numpy.load_file}, or
 * 20 lines of numpy): an 8-byte little-endian header length, a UTF-8 JSON header mapping each tensor name to
 * {@code {"dtype": "F32"|"F64", "shape": [...], "data_offsets": [begin, end]}} plus {@code "__metadata__"} (string to
 * string: format version, model type, config, seed, step, ...), then the raw little-endian tensor bytes.
 *
 * <p>Model parameters are stored under their own names ({@code hyponet.wb0}, {@code composers.U1}, ...); optimiser
 * moments under {@code optimizer.m/NAME} and {@code optimizer.v/NAME}. Files are written atomically: a temporary
 * file in the same folder is fully written and forced to disk, then renamed over the target, so a crash never leaves
 * a half-written checkpoint.
 */
public final class Checkpoint {

    /** Version of this layout, stored as metadata {@code ginr.format}. */
    public static final String FORMAT = "ginr-checkpoint-1";

    private static final Gson GSON = new Gson();

    private Checkpoint() {}

    /** A checkpoint read back: tensors (in {@code manager}) and metadata. */
    public record Contents(Map<String, NDArray> tensors, Map<String, String> metadata) {
        public String meta(String key) {
            String v = metadata.get(key);
            if (v == null) {
                throw new IllegalArgumentException("checkpoint metadata has no '" + key + "'; present: "
                        + metadata.keySet());
            }
            return v;
        }
    }

    /** Writes tensors and metadata atomically to {@code file}. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        Map<String, String> meta = new TreeMap<>(metadata);
        meta.put("ginr.format", FORMAT);
        JsonObject header = new JsonObject();
        header.add("__metadata__", GSON.toJsonTree(meta));
        Map<String, byte[]> data = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            byte[] bytes = littleEndianBytes(a);
            JsonObject t = new JsonObject();
            t.addProperty("dtype", dtypeName(e.getKey(), a.getDataType()));
            t.add("shape", GSON.toJsonTree(a.getShape().getShape()));
            t.add("data_offsets", GSON.toJsonTree(new long[] {offset, offset + bytes.length}));
            header.add(e.getKey(), t);
            data.put(e.getKey(), bytes);
            offset += bytes.length;
        }
        byte[] headerBytes = padded(GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".ckpt-", ".tmp");
            try {
                // a plain stream, not an interruptible channel: the checkpoint written when a run is interrupted
                // must still reach the disk although the thread's interrupt flag is set
                try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
                    out.write(headerBytes);
                    for (byte[] b : data.values()) {
                        out.write(b);
                    }
                    out.getFD().sync();
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint; tensors are created in {@code manager}. */
    public static Contents read(Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + file + " does not exist");
        }
        try {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            if (all.length < 8) {
                throw new IllegalArgumentException("checkpoint " + file + " is truncated (" + all.length + " bytes)");
            }
            long headerLength = buf.getLong(0);
            if (headerLength < 2 || headerLength > all.length - 8) {
                throw new IllegalArgumentException("checkpoint " + file + " is not a safetensors file (header length "
                        + headerLength + ")");
            }
            String json = new String(all, 8, (int) headerLength, StandardCharsets.UTF_8);
            JsonObject header = GSON.fromJson(json, JsonObject.class);
            int dataStart = 8 + (int) headerLength;
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().getAsJsonObject().entrySet().forEach(m -> meta.put(m.getKey(),
                            m.getValue().getAsString()));
                    continue;
                }
                JsonObject t = e.getValue().getAsJsonObject();
                long[] shape = GSON.fromJson(t.get("shape"), long[].class);
                long[] range = GSON.fromJson(t.get("data_offsets"), long[].class);
                DataType dt = dataType(t.get("dtype").getAsString());
                if (dataStart + range[1] > all.length) {
                    throw new IllegalArgumentException("checkpoint " + file + " is truncated: tensor '" + e.getKey()
                            + "' ends past the file");
                }
                ByteBuffer slice = ByteBuffer.wrap(all, dataStart + (int) range[0], (int) (range[1] - range[0]))
                        .slice().order(ByteOrder.LITTLE_ENDIAN);
                tensors.put(e.getKey(), manager.create(slice, new Shape(shape), dt));
            }
            return new Contents(tensors, meta);
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException("checkpoint " + file + " has a corrupt header: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
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

    private static DataType dataType(String name) {
        return switch (name) {
            case "F32" -> DataType.FLOAT32;
            case "F64" -> DataType.FLOAT64;
            default -> throw new IllegalArgumentException("unsupported checkpoint dtype '" + name + "'; allowed: F32, F64");
        };
    }
}
