package dev.ginr.inr;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostAllocatorTest {

    @Test
    void theTestRunnerStartsThisJvmWithTheSettings() {
        // the parent POM's surefire environmentVariables carry a copy of TUNABLES: this fails if the copies drift
        assertTrue(HostAllocator.retainsMemory(), "GLIBC_TUNABLES=" + System.getenv(HostAllocator.VARIABLE));
    }

    @Test
    void theGinrLauncherSetsTheSameSettings() throws Exception {
        String launcher = Files.readString(Path.of("..", "environment", "ginr"));
        assertTrue(launcher.contains("GLIBC_TUNABLES=\"" + HostAllocator.TUNABLES), launcher);
    }

    @Test
    void everySettingMustBePresentAndALaterOneWins() {
        assertFalse(HostAllocator.retainsMemory(null));
        assertFalse(HostAllocator.retainsMemory("glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0"));
        assertTrue(HostAllocator.retainsMemory("glibc.malloc.hugetlb=1:" + HostAllocator.TUNABLES));
        assertFalse(HostAllocator.retainsMemory(HostAllocator.TUNABLES + ":glibc.malloc.mmap_max=65536"));
    }
}
