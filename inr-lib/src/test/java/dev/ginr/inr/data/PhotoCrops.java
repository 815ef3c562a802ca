package dev.ginr.inr.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Held-out real photo crops for tests, 32 x 32 RGB. Uses the offline set {@code <ginr.data>/32/{train,test}}
 * (system property {@code ginr.data}, default {@code <repo>/data/offline-photos}) when it exists, one crop per
 * photograph (crop {@code 00-} of each: every photo of the set once, and the held-out evaluation stays small);
 * until then it
 * cuts crops from the JPEG wallpapers under {@code /usr/share/wallpapers}: per photo, the 3 x 3 crops of its 96 x 96
 * centre square and the 2 x 2 crops of its 64 x 64 centre square (13 crops), every fourth photo held out for testing.
 */
public final class PhotoCrops {

    public static final int SIZE = 32;
    static final Path WALLPAPERS = Path.of("/usr/share/wallpapers");

    /** @param source where the crops came from, for messages */
    public record Split(SignalBatch train, SignalBatch test, String source) {}

    private static Split cached;

    private PhotoCrops() {}

    /** The split, or null if neither the offline set nor the wallpapers exist on this machine. */
    public static synchronized Split load() {
        if (cached == null) {
            Path base = dataFolder();
            Path train = base.resolve(SIZE + "/train");
            Path test = base.resolve(SIZE + "/test");
            if (Files.isDirectory(train) && Files.isDirectory(test)) {
                cached = new Split(firstCropOfEachPhoto(train), firstCropOfEachPhoto(test),
                        base + " (crop 00 of every photo)");
            } else {
                cached = fromWallpapers();
            }
        }
        return cached;
    }

    private static SignalBatch firstCropOfEachPhoto(Path dir) {
        List<Path> first = ImageFolder.list(dir).stream().filter(p -> p.getFileName().toString().startsWith("00-"))
                .toList();
        return ImageFolder.load(first, SIZE, Integer.MAX_VALUE).images();
    }

    static Path dataFolder() {
        String p = System.getProperty("ginr.data");
        if (p != null) {
            return Path.of(p);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("inr-lib"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("") : dir).resolve("data/offline-photos");
    }

    private static Split fromWallpapers() {
        List<Path> photos = wallpaperPhotos();
        if (photos.size() < 4) {
            return null;
        }
        List<float[]> train = new ArrayList<>();
        List<float[]> test = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            crops(photos.get(i), i % 4 == 3 ? test : train);
        }
        return new Split(batch(train), batch(test), WALLPAPERS + " (" + photos.size() + " JPEG photos)");
    }

    /** The smallest JPEG of each wallpaper, in sorted order. */
    private static List<Path> wallpaperPhotos() {
        if (!Files.isDirectory(WALLPAPERS)) {
            return List.of();
        }
        List<Path> photos = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(WALLPAPERS)) {
            for (Path d : dirs.sorted().toList()) {
                Path images = d.resolve("contents/images");
                if (!Files.isDirectory(images)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(images)) {
                    files.filter(f -> f.toString().toLowerCase().endsWith(".jpg"))
                            .min(Comparator.comparingLong(PhotoCrops::sizeOf)).ifPresent(photos::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return photos;
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void crops(Path photo, List<float[]> out) {
        BufferedImage img;
        try {
            img = ImageIO.read(photo.toFile());
        } catch (IOException e) {
            return;
        }
        if (img == null) {
            return;
        }
        for (int grid : new int[] {3, 2}) {
            BufferedImage square = Images.resizeAndCenterCrop(img, grid * SIZE);
            for (int y = 0; y < grid; y++) {
                for (int x = 0; x < grid; x++) {
                    out.add(Images.toRgb(square.getSubimage(x * SIZE, y * SIZE, SIZE, SIZE)));
                }
            }
        }
    }

    private static SignalBatch batch(List<float[]> crops) {
        int n = SIZE * SIZE * 3;
        float[] all = new float[crops.size() * n];
        for (int i = 0; i < crops.size(); i++) {
            System.arraycopy(crops.get(i), 0, all, i * n, n);
        }
        return new SignalBatch(all, crops.size(), new int[] {SIZE, SIZE}, 3);
    }
}
