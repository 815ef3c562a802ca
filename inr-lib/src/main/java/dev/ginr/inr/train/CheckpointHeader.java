package dev.ginr.inr.train;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a {@link Checkpoint} file, validated completely before a byte of tensor data is used: the length
 * field, UTF-8 JSON, string-to-string metadata with the format version this reader knows, and for every tensor a
 * known dtype, a shape of non-negative whole numbers, and data offsets that lie inside the file, hold exactly
 * shape x dtype bytes, and tile the data section from its first byte to the file's end without gap or overlap (as
 * the safetensors format requires). Every error names the file and, where there is one, the tensor.
 *
 * @param file       the file read (for messages)
 * @param dataStart  byte position of the data section
 * @param tensors    the tensors, in data order
 * @param metadata   the {@code __metadata__} entries
 */
record CheckpointHeader(Path file, long dataStart, List<Entry> tensors, Map<String, String> metadata) {

    /** Largest header accepted (the safetensors reference reader's limit). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final Set<String> TENSOR_KEYS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor's entry: its name, type, shape and [begin, end) byte range within the data section. */
    record Entry(String name, DataType dataType, long[] shape, long begin, long end) {}

    /** Parses and validates the header of {@code bytes}, the whole content of {@code file}. */
    static CheckpointHeader parse(Path file, byte[] bytes) {
        if (bytes.length < 8) {
            throw fail(file, "is truncated (" + bytes.length + " bytes; a checkpoint starts with an 8-byte header "
                    + "length)");
        }
        long length = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (length < 2 || length > bytes.length - 8L || length > MAX_HEADER_BYTES) {
            throw fail(file, "is not a ginr checkpoint: its header length field says " + length + " bytes, the file "
                    + "holds " + (bytes.length - 8L) + " after it");
        }
        JsonObject header = json(file, bytes, (int) length);
        Map<String, String> metadata = metadata(file, header.get("__metadata__"));
        checkFormat(file, metadata);
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (!e.getKey().equals("__metadata__")) {
                entries.add(entry(file, e.getKey(), e.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long dataStart = 8 + length;
        checkTiling(file, entries, bytes.length - dataStart);
        return new CheckpointHeader(file, dataStart, List.copyOf(entries), metadata);
    }

    private static JsonObject json(Path file, byte[] bytes, int length) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, length)).toString();
        } catch (CharacterCodingException e) {
            throw fail(file, "has a header that is not UTF-8 text");
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw fail(file, "has a header that is not a JSON object");
            }
            return root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw fail(file, "has a corrupt header (not valid JSON: " + e.getMessage() + ")");
        }
    }

    private static Map<String, String> metadata(Path file, JsonElement meta) {
        if (meta == null || !meta.isJsonObject()) {
            throw fail(file, "was not written by ginr: its header has no __metadata__ object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> m : meta.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw fail(file, "has metadata '" + m.getKey() + "' = " + v + "; metadata values are strings");
            }
            out.put(m.getKey(), v.getAsString());
        }
        return out;
    }

    private static void checkFormat(Path file, Map<String, String> metadata) {
        String format = metadata.get(Checkpoint.FORMAT_KEY);
        if (format == null) {
            throw fail(file, "was not written by ginr: its metadata has no " + Checkpoint.FORMAT_KEY);
        }
        if (!format.equals(Checkpoint.FORMAT)) {
            throw fail(file, "has format '" + format + "' (written by ginr " + metadata.getOrDefault(
                    Checkpoint.VERSION_KEY, "of an unknown version") + "); this ginr reads " + Checkpoint.FORMAT);
        }
    }

    private static Entry entry(Path file, String name, JsonElement value) {
        if (!value.isJsonObject() || !value.getAsJsonObject().keySet().equals(TENSOR_KEYS)) {
            throw fail(file, name, "has entry " + value + "; a tensor entry holds exactly dtype, shape and "
                    + "data_offsets");
        }
        JsonObject t = value.getAsJsonObject();
        DataType dt = dataType(file, name, t.get("dtype"));
        long[] shape = whole(file, name, "shape", t.get("shape"), -1);
        long[] range = whole(file, name, "data_offsets", t.get("data_offsets"), 2);
        if (range[0] > range[1]) {
            throw fail(file, name, "has data_offsets [" + range[0] + ", " + range[1] + "] that run backwards");
        }
        long bytes = dt.getNumOfBytes();
        try {
            for (long d : shape) {
                bytes = Math.multiplyExact(bytes, d);
            }
        } catch (ArithmeticException e) {
            throw fail(file, name, "has shape " + java.util.Arrays.toString(shape) + ", too large for any file");
        }
        if (range[1] - range[0] != bytes) {
            throw fail(file, name, "has shape " + java.util.Arrays.toString(shape) + " of " + t.get("dtype")
                    .getAsString() + " (" + bytes + " bytes) but data_offsets [" + range[0] + ", " + range[1]
                    + "] hold " + (range[1] - range[0]) + " bytes");
        }
        return new Entry(name, dt, shape, range[0], range[1]);
    }

    /** The entries, sorted by offset, must cover [0, dataLength) exactly, one after the other. */
    private static void checkTiling(Path file, List<Entry> entries, long dataLength) {
        long at = 0;
        for (Entry e : entries) {
            if (e.begin() != at) {
                throw fail(file, e.name(), "starts at data offset " + e.begin() + " but the previous tensor ends at "
                        + at + (e.begin() < at ? " (overlap)" : " (gap)"));
            }
            at = e.end();
        }
        if (at != dataLength) {
            throw fail(file, (at < dataLength ? "has " + (dataLength - at) + " bytes after its last tensor"
                    : "is truncated: its tensors need " + at + " data bytes, the file holds " + dataLength));
        }
    }

    private static DataType dataType(Path file, String name, JsonElement dtype) {
        String d = dtype.isJsonPrimitive() ? dtype.getAsString() : String.valueOf(dtype);
        return switch (d) {
            case "F32" -> DataType.FLOAT32;
            case "F64" -> DataType.FLOAT64;
            default -> throw fail(file, name, "has dtype '" + d + "'; allowed: F32, F64");
        };
    }

    /** Non-negative whole numbers of a JSON array ({@code size} of them, or any number when -1). */
    private static long[] whole(Path file, String name, String field, JsonElement value, int size) {
        if (!value.isJsonArray() || size >= 0 && value.getAsJsonArray().size() != size) {
            throw fail(file, name, "has " + field + " " + value + "; expected an array of "
                    + (size >= 0 ? size + " " : "") + "non-negative whole numbers");
        }
        JsonArray a = value.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = a.get(i);
            try {
                BigDecimal n = v.getAsJsonPrimitive().getAsBigDecimal();
                out[i] = n.longValueExact();
            } catch (RuntimeException e) {
                out[i] = -1;
            }
            if (out[i] < 0) {
                throw fail(file, name, "has " + field + " " + value + "; expected non-negative whole numbers");
            }
        }
        return out;
    }

    static IllegalArgumentException fail(Path file, String what) {
        return new IllegalArgumentException("checkpoint " + file + " " + what);
    }

    static IllegalArgumentException fail(Path file, String tensor, String what) {
        return new IllegalArgumentException("checkpoint " + file + ": tensor '" + tensor + "' " + what);
    }
}
