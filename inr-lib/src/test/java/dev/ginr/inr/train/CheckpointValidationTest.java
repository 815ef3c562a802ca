package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.GinrVersion;
import dev.ginr.inr.nn.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile checkpoint files: every corruption is refused with a message naming the file and the tensor. */
class CheckpointValidationTest {

    /** A valid two-tensor checkpoint: "a" (2, 3) and "b" (4), float32. */
    private static Path valid(Path dir) {
        Path file = dir.resolve("ckpt.safetensors");
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Map<String, NDArray> t = new LinkedHashMap<>();
            t.put("a", m.arange(6f).reshape(2, 3));
            t.put("b", m.arange(4f).add(10));
            Checkpoint.write(file, t, Map.of("train.step", "7"));
        }
        return file;
    }

    /** Rewrites the JSON header of {@code file} (keeping the data bytes) after {@code edit}. */
    private static void editHeader(Path file, Consumer<JsonObject> edit) throws Exception {
        byte[] all = Files.readAllBytes(file);
        int length = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonObject header = JsonParser.parseString(new String(all, 8, length, StandardCharsets.UTF_8))
                .getAsJsonObject();
        edit.accept(header);
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            out.write(json);
            out.write(all, 8 + length, all.length - 8 - length);
        }
    }

    private static String readFails(Path file) {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            return assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file, m)).getMessage();
        }
    }

    private static JsonArray offsets(long begin, long end) {
        JsonArray a = new JsonArray();
        a.add(begin);
        a.add(end);
        return a;
    }

    @Test
    void aValidFileReadsBackWithVersionTimeAndMetadata(@TempDir Path dir) {
        Path file = valid(dir);
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Checkpoint.Contents c = Checkpoint.read(file, m);
            assertArrayEquals(new float[] {10, 11, 12, 13}, c.tensors().get("b").toFloatArray());
            assertEquals(new Shape(2, 3), c.tensors().get("a").getShape());
            assertEquals(7, c.metaLong("train.step"));
            assertEquals(Checkpoint.FORMAT, c.meta(Checkpoint.FORMAT_KEY));
            assertEquals(GinrVersion.version(), c.meta(Checkpoint.VERSION_KEY));
            assertFalse(GinrVersion.version().equals("unknown"), "the build stamps the version");
            Instant written = Instant.parse(c.meta(Checkpoint.WRITTEN_KEY));
            assertTrue(Math.abs(written.toEpochMilli() - System.currentTimeMillis()) < 600_000, written.toString());
        }
    }

    @Test
    void aNegativeOffsetIsRefusedNamingTheTensor(@TempDir Path dir) throws Exception {
        Path file = valid(dir);
        editHeader(file, h -> h.getAsJsonObject("b").add("data_offsets", offsets(-16, 0)));
        String msg = readFails(file);
        assertTrue(msg.contains(file.toString()) && msg.contains("tensor 'b'") && msg.contains("non-negative"), msg);
    }

    @Test
    void reversedOffsetsAreRefusedNamingTheTensor(@TempDir Path dir) throws Exception {
        Path file = valid(dir);
        editHeader(file, h -> h.getAsJsonObject("b").add("data_offsets", offsets(40, 24)));
        String msg = readFails(file);
        assertTrue(msg.contains(file.toString()) && msg.contains("tensor 'b'") && msg.contains("backwards"), msg);
    }

    @Test
    void aShapeThatDisagreesWithTheStoredBytesIsRefusedNamingFileAndTensor(@TempDir Path dir) throws Exception {
        Path file = valid(dir);
        editHeader(file, h -> h.getAsJsonObject("a").add("shape", JsonParser.parseString("[3, 3]")));
        String msg = readFails(file);
        assertTrue(msg.contains(file.toString()) && msg.contains("tensor 'a'") && msg.contains("[3, 3]")
                && msg.contains("36 bytes") && msg.contains("hold 24 bytes"), msg);
    }

    @Test
    void overlapsGapsTruncationAndTrailingBytesAreRefused(@TempDir Path dir) throws Exception {
        Path overlap = valid(dir.resolve("1"));
        editHeader(overlap, h -> h.getAsJsonObject("b").add("data_offsets", offsets(20, 36)));
        assertTrue(readFails(overlap).contains("tensor 'b' starts at data offset 20 but the previous tensor ends at 24"
                + " (overlap)"), readFails(overlap));
        Path truncated = valid(dir.resolve("2"));
        byte[] all = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(all, all.length - 5));
        assertTrue(readFails(truncated).contains("is truncated"), readFails(truncated));
        Path trailing = valid(dir.resolve("3"));
        Files.write(trailing, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertTrue(readFails(trailing).contains("3 bytes after its last tensor"), readFails(trailing));
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertTrue(readFails(tiny).contains("is truncated (3 bytes"), readFails(tiny));
        Path notJson = valid(dir.resolve("4"));
        byte[] b = Files.readAllBytes(notJson);
        b[8] = '[';
        Files.write(notJson, b);
        assertTrue(readFails(notJson).contains(notJson.toString()), readFails(notJson));
    }

    @Test
    void theFormatVersionIsCheckedOnRead(@TempDir Path dir) throws Exception {
        Path newer = valid(dir.resolve("1"));
        editHeader(newer, h -> h.getAsJsonObject("__metadata__").addProperty("ginr.format", "ginr-checkpoint-2"));
        String msg = readFails(newer);
        assertTrue(msg.contains("format 'ginr-checkpoint-2'") && msg.contains("reads " + Checkpoint.FORMAT), msg);
        Path foreign = valid(dir.resolve("2"));
        editHeader(foreign, h -> h.getAsJsonObject("__metadata__").remove("ginr.format"));
        assertTrue(readFails(foreign).contains("was not written by ginr"), readFails(foreign));
    }

    @Test
    void aBadStepNumberNamesTheKeyAndTheValue(@TempDir Path dir) throws Exception {
        Path file = valid(dir);
        editHeader(file, h -> h.getAsJsonObject("__metadata__").addProperty("train.step", "abc"));
        Checkpoint.Contents c = Checkpoint.readMetadata(file);
        String msg = assertThrows(IllegalArgumentException.class, () -> c.metaLong("train.step")).getMessage();
        assertTrue(msg.contains(file.toString()) && msg.contains("train.step = 'abc'") && msg.contains("whole number"),
                msg);
    }

    @Test
    void namesAndShapesMustMatchTheModel(@TempDir Path dir) {
        Path file = valid(dir);
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
            params.add("a", m.zeros(new Shape(2, 3)), true);
            String extra = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoints.loadParameters(params, file)).getMessage();
            assertTrue(extra.contains(file.toString()) && extra.contains("'b'") && extra.contains("no parameter"),
                    extra);
            params.add("b", m.zeros(new Shape(2, 2)), true);
            String shape = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoints.loadParameters(params, file)).getMessage();
            assertTrue(shape.contains("tensor 'b' has shape (4)") && shape.contains("(2, 2)"), shape);
        }
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
            params.add("a", m.zeros(new Shape(2, 3)), true);
            params.add("b", m.zeros(new Shape(4)), true);
            params.add("c", m.zeros(new Shape(1)), true);
            String missing = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoints.loadParameters(params, file)).getMessage();
            assertTrue(missing.contains("lacks parameter 'c'"), missing);
        }
    }

    @Test
    void writesAreAtomicReadableLikeOtherOutputsAndStaleTemporariesAreCleaned(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve(".checkpoint.safetensors.partial"), "half a checkpoint from a killed process");
        Files.writeString(run.resolve(".ckpt-123.tmp"), "a temporary of an older version");
        try (RunFolder folder = RunFolder.lock(run)) {
            assertFalse(Files.exists(run.resolve(".checkpoint.safetensors.partial")));
            assertFalse(Files.exists(run.resolve(".ckpt-123.tmp")));
            try (NDManager m = GinrEngine.engine().newBaseManager()) {
                Checkpoint.write(folder.checkpoint(), Map.of("x", m.ones(new Shape(3))), Map.of());
            }
        }
        try (var listing = Files.list(run)) {
            assertEquals(java.util.List.of(RunFolder.LOCK_FILE, RunFolder.CHECKPOINT),
                    listing.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary is left");
        }
        Path other = run.resolve("other-output.txt");
        try (FileOutputStream out = new FileOutputStream(other.toFile())) {
            out.write(1); // the mode any new output of this process gets (0644 under the usual umask 022)
        }
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(other)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(RunFolder.CHECKPOINT))));
        Path png = run.resolve("x.png");
        dev.ginr.inr.data.Images.writePng(new java.awt.image.BufferedImage(2, 2,
                java.awt.image.BufferedImage.TYPE_INT_RGB), png);
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(other)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(png)), "PNG outputs too");
    }
}
