package dev.ginr.inr.data.scene;

import dev.ginr.inr.render.Camera;
import dev.ginr.inr.render.Viewpoints;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Writes tiny multi-view sets in the learnit layout for tests: each view a coloured square on transparency. */
public final class SceneFixture {

    private SceneFixture() {}

    /** ROOT/category/ID/{transforms.json, r_K.png} for every id, and ROOT/category_splits.json. */
    public static void write(Path root, String category, List<String> train, List<String> test, int views, int size)
            throws IOException {
        List<String> all = new ArrayList<>(train);
        all.addAll(test);
        for (int o = 0; o < all.size(); o++) {
            writeObject(root.resolve(category).resolve(all.get(o)), o, views, size);
        }
        Files.writeString(root.resolve(SceneFolder.splitsFileName(category)), "{\"train\": " + json(train)
                + ", \"test\": " + json(test) + ", \"val\": []}");
    }

    public static void writeObject(Path folder, int seed, int views, int size) throws IOException {
        Files.createDirectories(folder);
        List<Camera> cams = Viewpoints.upperHemisphere(seed, views, 4, 0.1, 1.2, size * 1.2, size);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < views; k++) {
            names.add("r_" + k);
            ImageIO.write(view(size, seed, k), "png", folder.resolve("r_" + k + ".png").toFile());
        }
        TransformsFile.write(folder, names, cams);
    }

    /** An RGBA view: transparent, with an opaque square and a half-transparent stripe. */
    public static BufferedImage view(int size, int seed, int k) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        int colour = 0xff000000 | ((37 * seed + 11 * k) % 256) << 16 | 0x40 << 8 | 0x80;
        for (int y = size / 4; y < 3 * size / 4; y++) {
            for (int x = size / 4; x < 3 * size / 4; x++) {
                img.setRGB(x, y, colour);
            }
        }
        for (int x = 0; x < size; x++) {
            img.setRGB(x, 0, 0x80ff0000); // alpha 128, red
        }
        return img;
    }

    static String json(List<String> ids) {
        return ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
