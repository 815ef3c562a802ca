package dev.ginr.notebook.display;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.train.AdaptationResult;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The inner loop of meta-learning (Algorithm 1) made visible: one row per image, the columns the reconstruction
 * after inner step 0 (the learned initialisation, the same for every image), 1, ..., N_inner, then the ground truth;
 * the PSNR of each reconstruction is written under it.
 */
public final class InnerStepGrid {

    private static final int GAP = 4;
    private static final int HEADER = 18;
    private static final int CAPTION = 16;

    private InnerStepGrid() {}

    /** The grid as a PNG display, with the mean PSNR per step and every image's PSNRs as its text. */
    public static org.dflib.jjava.jupyter.kernel.display.DisplayData display(String run, AdaptationResult a,
                                                                             SignalBatch truth) {
        String means = Arrays.stream(a.meanPsnrByStep()).mapToObj(p -> String.format(Locale.ROOT, "%.2f", p))
                .collect(Collectors.joining(" -> "));
        String rows = Arrays.stream(a.psnrByStep()).map(r -> Arrays.stream(r).mapToObj(p -> String.format(
                Locale.ROOT, "%.2f", p)).collect(Collectors.joining(" -> "))).collect(Collectors.joining("; "));
        return Displays.image(image(a, truth), String.format(Locale.ROOT, "inner steps of '%s' on %d images: mean "
                + "PSNR %s dB from the learned init (step 0) to step %d (per row: %s)", run, truth.count(), means,
                a.innerSteps(), rows));
    }

    /** Rows = images; columns = step 0 (init) .. N_inner, ground truth; PSNR under each reconstruction. */
    public static BufferedImage image(AdaptationResult a, SignalBatch truth) {
        int steps = a.innerSteps();
        int tile = ImageGrids.tileSize(truth.grid()[0], 1);
        int cols = steps + 2;
        int rowHeight = tile + CAPTION + GAP;
        BufferedImage out = new BufferedImage(cols * (tile + GAP) - GAP, HEADER + truth.count() * rowHeight - GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            List<String> header = header(steps);
            for (int c = 0; c < cols; c++) {
                g.drawString(header.get(c), c * (tile + GAP) + 2, 13);
            }
            for (int r = 0; r < truth.count(); r++) {
                for (int k = 0; k <= steps; k++) {
                    java.awt.Point at = tileOrigin(r, k, tile);
                    g.drawImage(ImageGrids.image(a.reconstructionsByStep().get(k), r), at.x, at.y, tile, tile, null);
                    g.drawString(String.format(Locale.ROOT, "%.2f dB", a.psnrByStep()[r][k]), at.x + 2,
                            at.y + tile + 13);
                }
                java.awt.Point at = tileOrigin(r, steps + 1, tile);
                g.drawImage(ImageGrids.image(truth, r), at.x, at.y, tile, tile, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The top-left corner of the tile of image {@code row}, column {@code col} (0 = the init), in the picture. */
    public static java.awt.Point tileOrigin(int row, int col, int tile) {
        return new java.awt.Point(col * (tile + GAP), HEADER + row * (tile + CAPTION + GAP));
    }

    private static List<String> header(int steps) {
        List<String> h = new ArrayList<>(List.of("init (step 0)"));
        for (int k = 1; k <= steps; k++) {
            h.add("after step " + k);
        }
        h.add("ground truth");
        return h;
    }
}
