package dev.ginr.inr.data;

import dev.ginr.inr.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged and awkward image folders: nothing silently wrong, nothing fatal that could be skipped. */
class ImageFolderRobustnessTest {

    /** Three real photo crops, as PNG files in {@code dir}. */
    private static List<Path> crops(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(TestData.crops(32, "train"))) {
            List<Path> src = s.sorted().limit(3).toList();
            for (Path p : src) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** A real photo as a JPEG of {@code size} x {@code size}, truncated to {@code fraction} of its bytes. */
    private static Path jpeg(Path file, int size, double fraction) throws Exception {
        BufferedImage photo = Images.resizeAndCenterCrop(ImageIO.read(TestData.crops(64, "train").toFile()
                .listFiles()[0]), size);
        Files.createDirectories(file.getParent());
        ImageIO.write(photo, "jpg", file.toFile());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
        return file;
    }

    @Test
    void aTruncatedJpegIsSkippedAndCountedLikeATruncatedPng(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("photos");
        List<Path> pngs = crops(dir);
        jpeg(dir.resolve("whole.jpg"), 400, 1.0);
        Path halfJpeg = jpeg(dir.resolve("half.jpg"), 400, 0.5); // large enough that half holds part of the scan
        assertNotNull(ImageIO.read(halfJpeg.toFile()), "precondition: a plain read fills the missing half with grey");
        byte[] png = Files.readAllBytes(pngs.get(0));
        Path halfPng = Files.write(dir.resolve("half.png"), Arrays.copyOf(png, png.length / 2));
        ImageFolder f = ImageFolder.load(dir, 32);
        assertEquals(4, f.files().size(), f.files().toString());
        assertEquals(List.of(halfJpeg, halfPng), f.skipped().stream().sorted().toList());
        assertEquals("read 4 images, skipped 2 unreadable files", f.summary());
    }

    @Test
    void anUnreadableSubfolderIsSkippedAndCounted(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("photos");
        crops(dir.resolve("a"));
        Path loop = Files.createDirectories(dir.resolve("b"));
        Files.createSymbolicLink(loop.resolve("again"), dir); // a symbolic-link loop cannot be listed, even by root
        ImageFolder f = ImageFolder.load(dir, 32);
        assertEquals(3, f.files().size());
        assertEquals(List.of(loop.resolve("again")), f.skippedFolders());
        assertEquals("read 3 images, skipped 1 unreadable folder (" + loop.resolve("again") + ")", f.summary());
    }

    @Test
    void aSubfolderWithoutPermissionIsSkippedAndCounted(@TempDir Path tmp) throws Exception {
        Assumptions.assumeFalse(System.getProperty("user.name").equals("root"), "root reads every folder");
        Path dir = tmp.resolve("photos");
        crops(dir.resolve("a"));
        Path locked = crops(dir.resolve("locked")).get(0).getParent();
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            ImageFolder f = ImageFolder.load(dir, 32);
            assertEquals(3, f.files().size());
            assertEquals(List.of(locked), f.skippedFolders());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void foldersOfGinrOutputAreIgnoredBelowTheDataFolderButReadWhenGivenThemselves(@TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("photos");
        crops(dir);
        Path out = dir.resolve("recon");
        ImageFiles.markAsOutput(out, "ginr reconstruct");
        Images.writePng(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), out.resolve("recon-000-32x32.png"));
        ImageFolder f = ImageFolder.load(dir, 32);
        assertEquals(3, f.files().size(), "reconstructions are not training data: " + f.files());
        assertEquals(List.of(out), f.ignoredFolders());
        assertEquals("read 3 images, ignored 1 folder of ginr output (" + out + ")", f.summary());
        assertTrue(Files.readString(out.resolve(ImageFiles.OUTPUT_MARKER)).contains("ginr reconstruct"));
        assertEquals(1, ImageFolder.load(out, 32).files().size(), "asked for by name, the folder is read");
    }

    @Test
    void aFileGivenAsAFolderIsNamedAsSuch(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("photo.png"), "x");
        String msg = assertThrows(IllegalArgumentException.class, () -> ImageFolder.load(file, 32)).getMessage();
        assertEquals("image folder " + file + " is a file, not a folder", msg);
    }
}
