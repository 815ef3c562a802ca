package dev.ginr.inr.data;

import dev.ginr.inr.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline photo set as the test command builds it (data-scripts/build-offline-photos.sh): real photographs of
 * the explicit source list only, enough of them, and not one flat crop.
 */
class OfflinePhotoSetAcceptanceTest {

    private static Path root;
    private static List<CropManifest.Row> rows;

    @BeforeAll
    static void readManifest() {
        TestData.crops(32, "train"); // fails with the command that builds the set when it is missing
        root = TestData.offlinePhotos();
        rows = CropManifest.read(root.resolve("manifest.tsv"));
    }

    @Test
    void atLeast250DistinctPhotographsAnd6000TrainingCropsAt32Px() {
        long groups = rows.stream().map(CropManifest.Row::group).distinct().count();
        long photos = rows.stream().map(CropManifest.Row::sourceId).distinct().count();
        long train32 = rows.stream().filter(r -> r.size() == 32 && r.split().equals("train")).count();
        assertTrue(groups >= 250, groups + " near-duplicate groups of " + photos + " photos");
        assertTrue(train32 >= 6000, train32 + " training crops at 32 px");
    }

    @Test
    void everyCropComesFromTheSourceListWithItsPackageAndLicence() {
        Set<String> packages = new HashSet<>(PhotoSourceList.shipped().packages());
        for (CropManifest.Row r : rows) {
            assertTrue(packages.contains(r.packageName()), r.file() + " from package " + r.packageName());
            assertFalse(r.licence().startsWith("unknown") || r.licence().startsWith("see "), r.file() + ": "
                    + r.licence());
        }
        assertTrue(rows.stream().noneMatch(r -> r.source().contains("/lang") || r.source().contains("/abstract/")),
                "cartoons or vector art in the set");
    }

    @Test
    void noPhotoGroupIsInBothSplits() {
        Set<Integer> train = rows.stream().filter(r -> r.split().equals("train")).map(CropManifest.Row::group)
                .collect(Collectors.toSet());
        assertTrue(rows.stream().filter(r -> r.split().equals("test")).noneMatch(r -> train.contains(r.group())));
    }

    @Test
    void noCropHasAChannelWhoseStandardDeviationIsBelow2Of255() throws IOException {
        int checked = 0;
        for (CropManifest.Row r : rows) {
            BufferedImage img = ImageIO.read(root.resolve(r.file()).toFile());
            int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
            double std = PhotoCropper.minChannelStd(px);
            assertTrue(std >= 2.0, r.file() + " has a channel with standard deviation " + std + " of 255");
            checked++;
        }
        assertEquals(rows.size(), checked);
        assertTrue(Files.isRegularFile(root.resolve("build-settings.txt")));
    }
}
