package dev.ginr.inr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransparencyAndFlatCropsTest {

    /** Half the picture is transparent, a quarter half-transparent red; the rest opaque blue. */
    private static BufferedImage rgba(int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int argb = y < side / 2 ? 0x00000000 : x < side / 2 ? 0x80ff0000 : 0xff0000ff;
                img.setRGB(x, y, argb);
            }
        }
        return img;
    }

    @Test
    void builderAndLoaderComposeTransparentPixelsOverWhiteAlike(@TempDir Path tmp) throws IOException {
        BufferedImage img = rgba(32);
        int[] builder = PhotoCropper.rgbPixels(img);
        assertEquals(0xffffff, builder[0] & 0xffffff); // fully transparent: white, not black
        assertEquals(0xff7f7f, builder[31 * 32] & 0xffffff, Integer.toHexString(builder[31 * 32])); // 50 % red on white
        assertEquals(0x0000ff, builder[31 * 32 + 31] & 0xffffff);
        Path file = SyntheticPhotos.write(img, tmp.resolve("rgba.png"));
        float[] loaded = ImageFolder.load(tmp, 32).images().signal(0);
        for (int p = 0; p < 32 * 32; p++) {
            int b = builder[p];
            assertEquals(((b >> 16) & 0xff) / 255f, loaded[3 * p], 1e-6f, "red at " + p + " of " + file);
            assertEquals(((b >> 8) & 0xff) / 255f, loaded[3 * p + 1], 1e-6f, "green at " + p);
            assertEquals((b & 0xff) / 255f, loaded[3 * p + 2], 1e-6f, "blue at " + p);
        }
    }

    @Test
    void noCropIsFlatAndAPhotoWithoutTextureIsReported(@TempDir Path tmp) {
        BufferedImage mostlyWhite = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                boolean object = x > 300 && y > 200; // a small textured object in one corner, white elsewhere
                mostlyWhite.setRGB(x, y, object ? ((x * 37) & 0xff) << 16 | ((y * 53) & 0xff) << 8 | 90 : 0xffffff);
            }
        }
        int[] rgb = PhotoCropper.rgbPixels(mostlyWhite);
        List<PhotoCropper.Crop> crops = PhotoCropper.crops(rgb, 400, 300, 32, 16, 3);
        assertTrue(crops.size() >= 12, "only " + crops.size() + " crops found texture");
        for (PhotoCropper.Crop c : crops) {
            int[] px = c.image().getRGB(0, 0, 32, 32, null, 0, 32);
            assertTrue(PhotoCropper.minChannelStd(px) >= PhotoCropper.MIN_CHANNEL_STD, c.box().toString());
        }
        BufferedImage flat = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        assertEquals(0, PhotoCropper.crops(PhotoCropper.rgbPixels(flat), 200, 200, 32, 4, 1).size());

        SyntheticPhotos.write(flat, tmp.resolve("photos/flat.png"));
        SyntheticPhotos.write(SyntheticPhotos.photo(200, 160, 7), tmp.resolve("photos/real.png"));
        OfflinePhotoSet.Report report = OfflinePhotoSet.build(new OfflinePhotoSet.Settings(tmp.resolve("out"),
                List.of(32), List.of(tmp.resolve("photos")), 0, 4, 0.0));
        assertEquals(List.of("photos/flat (0 of 4)"), report.shortSources());
        assertTrue(report.summary().contains("1 photo gave fewer crops"), report.summary());
    }

    @Test
    void pngEncoderRoundTripsAndIsDeterministic() throws IOException {
        BufferedImage img = SyntheticPhotos.photo(37, 23, 9);
        int[] px = img.getRGB(0, 0, 37, 23, null, 0, 37);
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xffffff;
        }
        byte[] a = PngEncoder.encode(px, 37, 23);
        assertArrayEquals(a, PngEncoder.encode(px, 37, 23));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(a));
        int[] got = back.getRGB(0, 0, 37, 23, null, 0, 37);
        for (int i = 0; i < px.length; i++) {
            assertEquals(px[i], got[i] & 0xffffff, "pixel " + i);
        }
    }

    @Test
    void licencesOfConvertedAndFlattenedFilesAreFound(@TempDir Path tmp) throws IOException {
        Path copyright = tmp.resolve("copyright");
        java.nio.file.Files.writeString(copyright, """
                Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

                Files: *
                License: GPL-3+

                Files: src/activities/categorization/resource/images/fishes/fish3.jpg
                License: CC-BY-2.0

                Files: 16.04/aitzgorri_by_Aitzol_Berasategi.jpg
                License: CC-BY-4.0
                """);
        assertEquals("CC-BY-2.0", DebianPackageLicences.licenceIn(copyright,
                "/gcompris/src/activities/categorization/resource/images/fishes/fish3.webp"));
        assertEquals("GPL-3+", DebianPackageLicences.licenceIn(copyright,
                "/gcompris/src/activities/categorization/resource/images/fishes/fish4.webp"));
        Path noStar = tmp.resolve("copyright2");
        java.nio.file.Files.writeString(noStar, """
                Files: 16.04/aitzgorri_by_Aitzol_Berasategi.jpg
                License: CC-BY-4.0
                """);
        assertEquals("CC-BY-4.0", DebianPackageLicences.licenceIn(noStar,
                "/usr/share/backgrounds/aitzgorri_by_Aitzol_Berasategi.jpg"));
    }
}
