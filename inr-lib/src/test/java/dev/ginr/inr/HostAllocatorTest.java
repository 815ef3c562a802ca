package dev.ginr.inr;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostAllocatorTest {

    @Test
    void theGinrLauncherSetsTheSameSettingsOnlyWhenAsked() throws Exception {
        String launcher = Files.readString(Path.of("..", "environment", "ginr"));
        int ask = launcher.indexOf("if [ \"${GINR_KEEP_TENSOR_MEMORY:-0}\" = 1 ]; then");
        int set = launcher.indexOf("export GLIBC_TUNABLES=\"" + HostAllocator.TUNABLES);
        assertTrue(ask >= 0 && set > ask && launcher.indexOf("fi", set) > set, launcher);
    }

    @Test
    void everySettingMustBePresentAndALaterOneWins() {
        assertFalse(HostAllocator.retainsMemory(null));
        assertFalse(HostAllocator.retainsMemory("glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0"));
        assertTrue(HostAllocator.retainsMemory("glibc.malloc.hugetlb=1:" + HostAllocator.TUNABLES));
        assertFalse(HostAllocator.retainsMemory(HostAllocator.TUNABLES + ":glibc.malloc.mmap_max=65536"));
    }
}
