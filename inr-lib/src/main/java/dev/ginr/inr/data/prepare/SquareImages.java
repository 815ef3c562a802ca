package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.Images;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The preparation of the image datasets: every selected image is resized so its shorter side is S and
 * centre-cropped to S x S (as the reference's {@code Resize(S), CenterCrop(S)}), then written as a PNG to
 * {@code train/} or {@code test/}, the layout {@link dev.ginr.inr.data.ImageFolder} reads as a split. Which images
 * go where is the dataset's rule ({@link Selection}).
 */
public final class SquareImages implements DatasetPreparation {

    /** One image to write: its source and its path below the prepared folder, e.g. {@code train/000001.png}. */
    public record Job(Path source, String target) {}

    /** The dataset's rule: the images of the unpacked archives and downloads, each with its split path. */
    @FunctionalInterface
    public interface Selection {
        List<Job> jobs(Inputs in) throws IOException;
    }

    private final int size;
    private final String layout;
    private final Selection selection;

    /**
     * @param size      the side S of the written squares (178 in the paper)
     * @param layout    the layout line for --dry-run, e.g. "train/NNNNNN.png and test/NNNNNN.png"
     * @param selection the dataset's rule
     */
    public SquareImages(int size, String layout, Selection selection) {
        this.size = size;
        this.layout = layout;
        this.selection = selection;
    }

    @Override
    public String layout() {
        return layout + " (" + size + "x" + size + " PNG: shorter side resized to " + size + ", centre crop)";
    }

    @Override
    public void prepare(Inputs in, Path out, PreparationListener listener) throws IOException {
        List<Job> jobs = selection.jobs(in);
        if (jobs.isEmpty()) {
            throw new PreparationException("no images found to prepare in " + in.raw() + " or " + in.downloads()
                    + ": the downloaded files do not have the expected contents");
        }
        listener.step("writing " + jobs.size() + " images of " + size + "x" + size);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    write(job, out);
                    long n = done.incrementAndGet();
                    if (n % 500 == 0 || n == jobs.size()) {
                        listener.progress("images", n, jobs.size());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreparationException("interrupted while preparing images", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof PreparationException p ? p : new PreparationException(c.getMessage(), c);
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(Job job, Path out) {
        BufferedImage img;
        try {
            img = ImageIO.read(job.source().toFile());
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw new PreparationException(job.source() + " is not a readable image although its archive verified;"
                    + " nothing was prepared");
        }
        Path target = out.resolve(job.target()).normalize();
        if (!target.startsWith(out)) {
            throw new PreparationException("refusing to write " + job.target() + " outside " + out);
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Images.writePng(Images.resizeAndCenterCrop(img, size), target);
    }
}
