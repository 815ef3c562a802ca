package dev.ginr.inr.experiment;

import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.config.YamlConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A config without dataset.resolution (nor a size in its transform name) takes the size of its images. */
class DataResolutionTest {

    /** image-32-small in the authors' schema, with the size taken out of the dataset section. */
    private static String configWithoutSize() {
        return Presets.yaml(Presets.IMAGE_32_SMALL).replace("  resolution: 32            # 32x32 RGB\n",
                "  transforms:\n    type: my_photos\n");
    }

    private static void images(Path dir, int... sides) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < sides.length; i += 2) {
            BufferedImage img = new BufferedImage(sides[i], sides[i + 1], BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, 0x336699 * (i + 1));
            ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
        }
    }

    @Test
    void theSizeComesFromTheImagesAndIsWrittenIntoTheStoredConfig(@TempDir Path tmp) throws IOException {
        images(tmp.resolve("train"), 32, 32, 32, 32, 32, 32);
        images(tmp.resolve("test"), 32, 32);
        String yaml = configWithoutSize();
        assertTrue(!yaml.contains("resolution"), "the test config must not name a size");
        TrainingRecipe recipe = TrainingRecipe.ofYaml("no-size", yaml, null, tmp);
        assertEquals(32, recipe.spec().dataset().resolution());
        assertEquals(64, recipe.spec().tokenCount().getAsInt());
        assertTrue(recipe.configYaml().contains("resolution: 32"), recipe.configYaml());
        DataResolution r = DataResolution.resolve(new YamlConfigReader().read(yaml, "no-size.yaml").spec(), yaml, tmp);
        assertEquals(0, new YamlConfigReader().read(yaml, "no-size.yaml").spec().dataset().resolution());
        assertTrue(r.note().startsWith("dataset.resolution is not set in no-size.yaml"), r.note());
        assertTrue(r.note().contains("using 32, the size of all 4 images under"), r.note());
    }

    @Test
    void imagesOfSeveralSizesAreRefusedNamingTheKeyAndTheSectionLine(@TempDir Path tmp) throws IOException {
        images(tmp, 32, 32, 48, 32);
        ConfigException e = assertThrows(ConfigException.class,
                () -> TrainingRecipe.ofYaml("mixed.yaml", configWithoutSize(), null, tmp));
        assertEquals("dataset.resolution", e.path());
        assertTrue(e.getMessage().contains("dataset section at line 6"), e.getMessage());
        assertTrue(e.getMessage().contains("[32x32, 48x32]"), e.getMessage());
        assertTrue(e.getMessage().contains("add resolution: N"), e.getMessage());
    }
}
