package dev.ginr.notebook.display;

import dev.ginr.inr.data.CropManifest;
import dev.ginr.inr.data.ImageFolder;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quickstart's first figure, rendered as its first cell renders it (the first 4 photos of the offline set's
 * 32 px training folder, shown with {@link ImageGrids#strip}): every tile must be a picture, not a blank square,
 * and every tile must be a crop of a photograph from the source list.
 */
class QuickstartFigureTest {

    private static final Path SET = Path.of("..").toAbsolutePath().normalize().resolve("data/offline-photos");

    @Test
    void theFirstFigureShowsFourPhotographsAndNoBlankTile() throws IOException {
        Map<String, CropManifest.Row> manifest = PhotoTiles.manifest(SET);
        ImageFolder folder = ImageFolder.load(SET.resolve("32/train"), 32, 4); // as the notebook's first cell
        assertEquals(4, folder.files().size(), folder.summary());
        BufferedImage figure = ImageGrids.strip(folder.images());
        List<BufferedImage> tiles = PhotoTiles.tiles(figure, 4);
        for (int i = 0; i < 4; i++) {
            double std = PhotoTiles.minChannelStd(tiles.get(i));
            assertTrue(std >= PhotoTiles.MIN_CHANNEL_STD, "tile " + i + " (" + folder.files().get(i)
                    + ") is blank: a channel's standard deviation is " + std + " of 255");
            String rel = SET.relativize(folder.files().get(i).toAbsolutePath().normalize()).toString();
            CropManifest.Row row = manifest.get(rel);
            assertNotNull(row, rel + " is not in the manifest");
            assertTrue(PhotoTiles.photoPackages().contains(row.packageName()), rel + ": " + row.packageName());
            BufferedImage crop = ImageIO.read(folder.files().get(i).toFile());
            assertArrayEquals(crop.getRGB(0, 0, 32, 32, null, 0, 32), argb(PhotoTiles.sampled(tiles.get(i), 32)),
                    "tile " + i + " does not show " + rel);
        }
        assertEquals(4, folder.files().stream().map(f -> manifest.get(SET.relativize(f.toAbsolutePath().normalize())
                .toString()).sourceId()).distinct().count(), "the figure should show four different photographs");
    }

    private static int[] argb(int[] rgb) {
        int[] out = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = 0xff000000 | rgb[i];
        }
        return out;
    }
}
