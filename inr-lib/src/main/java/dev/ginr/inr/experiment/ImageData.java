package dev.ginr.inr.experiment;

import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.TrainTestSplit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The train and held-out images of an image experiment. A folder with {@code train/} and {@code test/} subfolders
 * (the layout of the offline photo set) is used as split; any other folder is split by a seeded 10% hold-out.
 */
public final class ImageData {

    /** Fraction held out when a folder has no train/test subfolders. */
    public static final double HOLD_OUT = 0.1;

    private ImageData() {}

    /** Fails with a message that says what {@code dir} is when it is not a folder. */
    public static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data folder " + dir + (Files.exists(dir) ? " is a file, not a folder; "
                    + "give a folder of PNG/JPEG images (with train/ and test/ subfolders, or without)"
                    : " does not exist"));
        }
    }

    public static ImageFolder.Split load(Path dir, int size, long seed) {
        requireFolder(dir);
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            return new ImageFolder.Split(ImageFolder.load(train, size), ImageFolder.load(test, size));
        }
        ImageFiles listing = ImageFiles.scan(dir);
        ImageFolder.Split split = ImageFolder.load(TrainTestSplit.byRatio(listing.files(), HOLD_OUT, seed), size);
        return new ImageFolder.Split(split.train().withListing(listing), split.test());
    }

    /** "train: read 336 images; test: read 70 images, skipped 1 unreadable file" */
    public static String summary(ImageFolder.Split split) {
        return "train: " + split.train().summary() + "; test: " + split.test().summary();
    }
}
