package dev.ginr.inr.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {

    @Test
    void aFolderIsLockedWhileOneTrainingHoldsItAndFreeAfterwards(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("runs/a");
        try (RunFolder held = RunFolder.lock(dir)) {
            assertTrue(Files.readString(dir.resolve(RunFolder.LOCK_FILE)).contains(
                    "process " + ProcessHandle.current().pid()));
            String second = assertThrows(IllegalArgumentException.class, () -> RunFolder.lock(dir)).getMessage();
            assertEquals("run folder " + dir + " is in use: another training in this process is training into it; "
                    + "wait for it to end or choose another run folder", second);
            String check = assertThrows(IllegalArgumentException.class, () -> RunFolder.check(dir)).getMessage();
            assertEquals(second, check);
            assertEquals(dir.resolve(RunFolder.CHECKPOINT), held.checkpoint());
        }
        RunFolder.check(dir);
        RunFolder.lock(dir).close();
    }

    @Test
    void aFileWhereTheFolderOrOneOfItsParentsBelongsIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a folder");
        String asFolder = assertThrows(IllegalArgumentException.class, () -> RunFolder.check(file)).getMessage();
        assertEquals("run folder " + file + " is a file; give a folder (it will hold checkpoint.safetensors)",
                asFolder);
        Path under = file.resolve("run/b");
        String asParent = assertThrows(IllegalArgumentException.class, () -> RunFolder.lock(under)).getMessage();
        assertEquals("run folder " + under + " cannot be made: " + file + " is a file, not a folder", asParent);
        assertFalse(Files.isDirectory(file));
    }
}
