package dev.ginr.notebook.display;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.Images;
import dev.ginr.inr.experiment.Reconstruction;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Image batches and reconstructions as one picture: a strip of images, or a grid with one row per image and the
 * columns ground truth | reconstruction | error map (| reconstruction rendered K times denser). Small images are
 * enlarged with nearest-neighbour sampling so that their pixels stay visible; the upsampled column is drawn at its
 * own resolution, so the extra detail the INR renders is not blurred away.
 */
public final class ImageGrids {

    /** Minimum side of one tile in pixels. */
    public static final int MIN_TILE = 128;
    /** The error map shows |truth - reconstruction| times this gain (mean over channels), black = exact. */
    public static final float ERROR_GAIN = 4f;

    private static final int GAP = 4;
    private static final int HEADER = 18;

    private ImageGrids() {}

    /** The images of a square-image batch side by side. */
    public static BufferedImage strip(SignalBatch batch) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < batch.count(); i++) {
            tiles.add(image(batch, i));
        }
        int tile = tileSize(batch.grid()[0], 1);
        return grid(List.of(tiles), List.of(), tile);
    }

    /** Ground truth | reconstruction | error map (| upsampled) for every image of {@code r}, PSNR per row. */
    public static BufferedImage reconstruction(Reconstruction r) {
        int side = r.truth().grid()[0];
        int tile = tileSize(side, r.upsampled() == null ? 1 : r.upsample());
        List<String> header = new ArrayList<>(List.of("ground truth", "reconstruction",
                String.format(Locale.ROOT, "|error| x%.0f", ERROR_GAIN)));
        if (r.upsampled() != null) {
            header.add(String.format(Locale.ROOT, "rendered %sx", trim(r.upsample())));
        }
        List<List<BufferedImage>> rows = new ArrayList<>();
        for (int i = 0; i < r.truth().count(); i++) {
            List<BufferedImage> row = new ArrayList<>(List.of(image(r.truth(), i), image(r.reconstruction(), i),
                    errorMap(r.truth().signal(i), r.reconstruction().signal(i), side)));
            if (r.upsampled() != null) {
                row.add(image(r.upsampled(), i));
            }
            rows.add(row);
        }
        List<String> labels = new ArrayList<>();
        for (double p : r.psnr()) {
            labels.add(String.format(Locale.ROOT, "%.2f dB", p));
        }
        BufferedImage g = grid(rows, header, tile);
        return labelRows(g, labels, tile);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static int tileSize(int side, double upsample) {
        return Math.max(MIN_TILE, (int) Math.round(side * upsample));
    }

    static BufferedImage image(SignalBatch b, int i) {
        return Images.fromRgb(b.signal(i), b.grid()[0], b.grid()[1]);
    }

    /** |a - b| averaged over RGB, times {@link #ERROR_GAIN}, as a black-to-yellow heat map. */
    static BufferedImage errorMap(float[] a, float[] b, int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < side * side; p++) {
            float e = 0;
            for (int c = 0; c < 3; c++) {
                e += Math.abs(a[p * 3 + c] - b[p * 3 + c]);
            }
            float v = Math.min(1f, e / 3f * ERROR_GAIN);
            int red = Math.round(255 * Math.min(1f, 2 * v));
            int green = Math.round(255 * Math.max(0f, 2 * v - 1));
            img.setRGB(p % side, p / side, (red << 16) | (green << 8) | Math.round(40 * (1 - v)));
        }
        return img;
    }

    /** Tiles of {@code tile} x {@code tile} pixels on a white background, with an optional header row. */
    static BufferedImage grid(List<List<BufferedImage>> rows, List<String> header, int tile) {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int top = header.isEmpty() ? 0 : HEADER;
        int w = Math.max(1, cols * (tile + GAP) - GAP);
        int h = Math.max(1, top + rows.size() * (tile + GAP) - GAP);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int c = 0; c < header.size(); c++) {
                g.drawString(header.get(c), c * (tile + GAP) + 2, 13);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    g.drawImage(rows.get(r).get(c), c * (tile + GAP), top + r * (tile + GAP), tile, tile, null);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** {@code g} with a label column on the right, one label per tile row. */
    private static BufferedImage labelRows(BufferedImage g, List<String> labels, int tile) {
        int extra = 70;
        BufferedImage out = new BufferedImage(g.getWidth() + extra, g.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D d = out.createGraphics();
        try {
            d.setColor(Color.WHITE);
            d.fillRect(0, 0, out.getWidth(), out.getHeight());
            d.drawImage(g, 0, 0, null);
            d.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            d.setColor(Color.DARK_GRAY);
            d.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int r = 0; r < labels.size(); r++) {
                d.drawString(labels.get(r), g.getWidth() + 6, HEADER + r * (tile + GAP) + tile / 2);
            }
        } finally {
            d.dispose();
        }
        return out;
    }
}
