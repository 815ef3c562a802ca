package dev.ginr.inr.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PhotoCropsAndHashTest {

    private static final Path REAL_WALLPAPER = Path.of("/usr/share/wallpapers/Kite/contents/images/2560x1600.jpg");

    @Test
    void cropsAreDeterministicAndDependOnTheSeed() {
        BufferedImage img = SyntheticPhotos.photo(300, 200, 4);
        int[] rgb = PhotoCropper.rgbPixels(img);
        List<PhotoCropper.Crop> a = PhotoCropper.crops(rgb, 300, 200, 32, 5, 11);
        List<PhotoCropper.Crop> b = PhotoCropper.crops(rgb, 300, 200, 32, 5, 11);
        List<PhotoCropper.Crop> c = PhotoCropper.crops(rgb, 300, 200, 32, 5, 12);
        assertEquals(5, a.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(a.get(i).box(), b.get(i).box());
            assertArrayEquals(pixels(a.get(i).image()), pixels(b.get(i).image()));
        }
        assertNotEquals(a.stream().map(PhotoCropper.Crop::box).toList(), c.stream().map(PhotoCropper.Crop::box).toList());
    }

    @Test
    void blockAverageOfAUniformBoxIsItsColourAndRoundsHalfUp() {
        int[] rgb = new int[64 * 64];
        java.util.Arrays.fill(rgb, 0x102030);
        rgb[0] = 0x112131; // one brighter pixel in the first 2x2 block: mean 16.25 -> 16
        int[] out = PhotoCropper.blockAverage(rgb, 64, new PhotoCropper.CropBox(0, 0, 64), 32);
        assertEquals(32 * 32, out.length);
        assertEquals(0x102030, out[0]);
        assertEquals(0x102030, out[1023]);
    }

    @Test
    void photoSmallerThanTheCropSizeGivesNoCrops() {
        assertEquals(0, PhotoCropper.crops(new int[20 * 20], 20, 20, 32, 4, 0).size());
    }

    @Test
    void nearlyIdenticalPhotosShareAGroupAndDifferentOnesDoNot() {
        BufferedImage base = SyntheticPhotos.photo(180, 120, 21);
        PerceptualHash a = hash(base);
        PerceptualHash b = hash(SyntheticPhotos.brighter(base, 4));
        PerceptualHash c = hash(SyntheticPhotos.photo(180, 120, 22));
        assertTrue(a.bitDistance(b) <= 2, "bits " + a.bitDistance(b));
        assertTrue(a.cellDifference(b) <= 4, "cells " + a.cellDifference(b));
        assertTrue(a.bitDistance(c) > PerceptualHash.MAX_BIT_DISTANCE, "bits " + a.bitDistance(c));
        assertArrayEquals(new int[] {0, 1, 0}, NearDuplicateGroups.of(List.of(a, c, b)));
        assertEquals(2, NearDuplicateGroups.count(NearDuplicateGroups.of(List.of(a, c, b))));
    }

    @Test
    void flatPhotosOfDifferentBrightnessAreNotNearDuplicates() {
        PerceptualHash dark = hash(flat(0x101010));
        PerceptualHash light = hash(flat(0xe0e0e0));
        assertEquals(0, dark.bitDistance(light)); // dHash alone cannot tell them apart
        assertArrayEquals(new int[] {0, 1}, NearDuplicateGroups.of(List.of(dark, light)));
    }

    @Test
    void realWallpaperCropsAreDeterministicAndTheLicenceIsRead() {
        assumeTrue(Files.isRegularFile(REAL_WALLPAPER), "plasma-workspace-wallpapers is not installed");
        BufferedImage img = assertReadable(REAL_WALLPAPER);
        int[] rgb = PhotoCropper.rgbPixels(img);
        List<PhotoCropper.Crop> a = PhotoCropper.crops(rgb, img.getWidth(), img.getHeight(), 64, 3, 5);
        List<PhotoCropper.Crop> b = PhotoCropper.crops(rgb, img.getWidth(), img.getHeight(), 64, 3, 5);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(pixels(a.get(i).image()), pixels(b.get(i).image()));
            assertTrue(a.get(i).box().side() >= 64 * 2, "side " + a.get(i).box().side()); // zoom >= 1600/64/12
        }
        DebianPackageLicences.Origin origin = DebianPackageLicences.forFiles(List.of(REAL_WALLPAPER))
                .origin(REAL_WALLPAPER);
        assertEquals("plasma-workspace-wallpapers", origin.packageName());
        assertEquals("GPL-2+", origin.licence());
        assertEquals("/usr/share/doc/plasma-workspace-wallpapers/copyright", origin.copyrightFile());
    }

    @Test
    void sourceKeysFoldResolutionsAndIgnorePreviews() {
        assertEquals("Altai", PhotoSourceFinder.sourceKey("Altai/contents/images/5120x2880.png"));
        assertEquals("Altai", PhotoSourceFinder.sourceKey("Altai/contents/images_dark/1080x1920.png"));
        assertEquals(null, PhotoSourceFinder.sourceKey("Altai/contents/screenshot.png"));
        assertEquals("abstract/Elephants", PhotoSourceFinder.sourceKey("abstract/Elephants_3840x2160.jpg"));
        assertEquals("abstract/Elephants", PhotoSourceFinder.sourceKey("abstract/Elephants.jpg"));
        assertEquals("nature/Dune", PhotoSourceFinder.sourceKey("nature/Dune.jpg"));
    }

    private static BufferedImage assertReadable(Path file) {
        try {
            BufferedImage img = javax.imageio.ImageIO.read(file.toFile());
            assertTrue(img != null, "cannot decode " + file);
            return img;
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static BufferedImage flat(int rgb) {
        BufferedImage img = new BufferedImage(90, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 90; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static PerceptualHash hash(BufferedImage img) {
        return PerceptualHash.of(PhotoCropper.rgbPixels(img), img.getWidth(), img.getHeight());
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
