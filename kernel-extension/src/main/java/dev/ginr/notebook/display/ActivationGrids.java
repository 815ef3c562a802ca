package dev.ginr.notebook.display;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.ActivationMaps;
import dev.ginr.inr.experiment.ComposerMix;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of what the hyponet computes: one layer's unit activation maps as a grid (a row per instance, its input
 * image first, then a column per unit), and a composer-mix strip (A, the renders from t = 0 to 1, B).
 *
 * <p>Each unit's maps share one colour scale over all instances (viridis-like, dark = the unit's lowest value over
 * the instances shown, yellow = its highest), so a column whose tiles all look the same is a unit that does not
 * depend on the instance.
 */
public final class ActivationGrids {

    /** Side of one map tile in pixels (a 32x32 map drawn at 2x). */
    static final int TILE = 64;
    private static final int TITLE = 20;
    /** Viridis at 0, 0.25, 0.5, 0.75, 1 (sRGB). */
    private static final int[][] RAMP = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

    private ActivationGrids() {}

    /**
     * Layer {@code l}'s maps for every instance of {@code inputs} (the images the maps were computed for), for the
     * {@code maxUnits} units with the largest variance (in index order).
     */
    public static BufferedImage layer(ActivationMaps.Layer l, SignalBatch inputs, int maxUnits, int[] grid) {
        int[] units = shownUnits(l, maxUnits);
        List<String> header = new ArrayList<>(List.of("input"));
        boolean rgb = l.units() == 3 && l.role().startsWith("output");
        Arrays.stream(units).forEach(u -> header.add(rgb ? List.of("red", "green", "blue").get(u) : "unit " + u));
        List<List<BufferedImage>> rows = new ArrayList<>();
        for (int n = 0; n < l.instances(); n++) {
            rows.add(new ArrayList<>(List.of(ImageGrids.image(inputs, n))));
        }
        for (int u : units) {
            float[][] maps = new float[l.instances()][];
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int n = 0; n < maps.length; n++) {
                maps[n] = l.map(n, u);
                for (float v : maps[n]) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            for (int n = 0; n < maps.length; n++) {
                rows.get(n).add(colour(maps[n], lo, hi, grid));
            }
        }
        String title = String.format(Locale.ROOT, "layer %d (%s): across-instance share of the variance %.3f",
                l.index(), l.role(), l.acrossInstanceShare());
        return titled(ImageGrids.grid(rows, header, TILE), title);
    }

    /**
     * Maps over a grid side by side, each on its own colour scale: {@code values} is channel-last (P, k) as a layer
     * or a feature mapping produces it, one map per column; {@code labels} names the k maps.
     */
    public static Picture maps(float[] values, int[] grid, List<String> labels, String title) {
        int k = labels.size();
        if (k == 0 || values.length % k != 0) {
            throw new IllegalArgumentException(values.length + " values do not split into " + k + " maps");
        }
        List<BufferedImage> row = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            float[] m = new float[values.length / k];
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < m.length; p++) {
                m[p] = values[p * k + c];
                lo = Math.min(lo, m[p]);
                hi = Math.max(hi, m[p]);
            }
            row.add(colour(m, lo, hi, grid));
        }
        return new Picture(titled(ImageGrids.grid(List.of(row), labels, TILE + 32), title), title);
    }

    /** The {@code max} units of largest variance, in index order. */
    static int[] shownUnits(ActivationMaps.Layer l, int max) {
        int[] byVariance = l.unitsByVariance();
        int[] shown = Arrays.copyOf(byVariance, Math.min(max, byVariance.length));
        Arrays.sort(shown);
        return shown;
    }

    /** A | t = 0 ... t = 1 | B, each labelled. */
    public static BufferedImage mixStrip(ComposerMix mix) {
        List<BufferedImage> row = new ArrayList<>();
        List<String> header = new ArrayList<>();
        row.add(ImageGrids.image(mix.endpoints(), 0));
        header.add("A");
        for (int k = 0; k < mix.t().length; k++) {
            row.add(ImageGrids.image(mix.mixed(), k));
            header.add(String.format(Locale.ROOT, "t=%.2f", mix.t()[k]));
        }
        row.add(ImageGrids.image(mix.endpoints(), 1));
        header.add("B");
        String title = "run '" + mix.run() + "': rendered from (1-t) V(A) + t V(B); A and B are the observed images";
        return titled(ImageGrids.grid(List.of(row), header, TILE + 32), title);
    }

    /** Maps values in [lo, hi] to the colour ramp; a constant map is drawn in the ramp's middle colour. */
    static BufferedImage colour(float[] map, float lo, float hi, int[] grid) {
        int h = grid[0];
        int w = grid.length > 1 ? grid[1] : map.length / grid[0];
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < map.length; p++) {
            double x = hi > lo ? (map[p] - lo) / (double) (hi - lo) : 0.5;
            img.setRGB(p % w, p / w, ramp(x));
        }
        return img;
    }

    static int ramp(double x) {
        double s = Math.max(0, Math.min(1, x)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) s);
        double f = s - i;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = rgb << 8 | (int) Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]));
        }
        return rgb;
    }

    /** {@code img} under a one-line title. */
    private static BufferedImage titled(BufferedImage img, String title) {
        BufferedImage out = new BufferedImage(Math.max(img.getWidth(), 8 * title.length()), img.getHeight() + TITLE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(img, 0, TITLE, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, 2, 15);
        } finally {
            g.dispose();
        }
        return out;
    }
}
