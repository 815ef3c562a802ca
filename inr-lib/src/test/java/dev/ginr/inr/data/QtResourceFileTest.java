package dev.ginr.inr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QtResourceFileTest {

    @Test
    void listsAndReadsPlainAndZlibEntriesInEveryFormatVersion(@TempDir Path tmp) throws IOException {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 7);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/gcompris/src/activities/erase/resource/bee.webp", "plain bytes".getBytes(StandardCharsets.UTF_8));
        files.put("/gcompris/src/activities/erase/resource/README", big);
        files.put("/gcompris/src/activities/erase/Erase.qml", "Item {}".getBytes(StandardCharsets.UTF_8));
        for (int version = 1; version <= 3; version++) {
            Path rcc = tmp.resolve("v" + version + ".rcc");
            Files.write(rcc, QtResourceFiles.write(files, List.of("/gcompris/src/activities/erase/resource/README"),
                    version));
            QtResourceFile r = QtResourceFile.open(rcc);
            assertEquals(version, r.version());
            assertEquals(files.keySet().stream().sorted().toList(),
                    r.entries().stream().map(QtResourceFile.Entry::path).sorted().toList());
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                assertArrayEquals(e.getValue(), r.read(r.entry(e.getKey())), e.getKey() + " in version " + version);
            }
            assertTrue(r.entry("/gcompris/src/activities/erase/resource/README").zlibCompressed());
        }
    }

    @Test
    void aFileThatIsNotAResourceContainerIsRefusedWithItsName(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.rcc");
        Files.writeString(bad, "this is not qres at all, just text");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QtResourceFile.open(bad));
        assertEquals(bad + " is not a Qt resource file (no 'qres' header)", e.getMessage());
    }

    @Test
    void aDamagedCompressedEntryFailsWithItsPath(@TempDir Path tmp) throws IOException {
        byte[] bytes = QtResourceFiles.write(Map.of("/a/b.txt", "hello hello hello".getBytes(StandardCharsets.UTF_8)),
                List.of("/a/b.txt"), 2);
        int data = java.nio.ByteBuffer.wrap(bytes).getInt(12);
        bytes[data + 12] ^= 0x5a; // inside the zlib stream: after the stored length (4) and qCompress length (4)
        Path rcc = tmp.resolve("damaged.rcc");
        Files.write(rcc, bytes);
        QtResourceFile r = QtResourceFile.open(rcc);
        IOException e = assertThrows(IOException.class, () -> r.read(r.entry("/a/b.txt")));
        assertTrue(e.getMessage().startsWith("/a/b.txt in " + rcc), e.getMessage());
    }

    @Test
    void gcomprisContainersOpenWhenInstalled() throws IOException {
        Path rcc = Path.of("/usr/share/gcompris-qt/rcc/erase.rcc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(rcc), "gcompris-qt-data is not installed");
        QtResourceFile r = QtResourceFile.open(rcc);
        long webp = r.entries().stream().filter(e -> e.path().endsWith(".webp")).count();
        assertEquals(33, webp);
        byte[] bee = r.read(r.entry("/gcompris/src/activities/erase/resource/bee.webp"));
        assertEquals("RIFF", new String(bee, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(bee, 8, 4, StandardCharsets.US_ASCII));
    }
}
