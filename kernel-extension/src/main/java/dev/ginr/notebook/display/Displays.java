package dev.ginr.notebook.display;

import dev.ginr.inr.experiment.Reconstruction;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Values as ready-made display data, for the magics (which publish them themselves) and the renderers alike. Every
 * result carries text/plain besides its rich type.
 */
public final class Displays {

    private Displays() {}

    /** A table: escaped HTML and aligned text. */
    public static DisplayData table(Table t) {
        DisplayData d = new DisplayData(TableView.text(t));
        d.putHTML(TableView.html(t));
        return d;
    }

    /**
     * An XChart chart (any public chart class, see {@link ChartImages#CHART_TYPES}): image/png at
     * {@link ChartImages#SCALE}x, plus image/svg+xml when {@code svg} is set.
     */
    public static DisplayData chart(Object chart, boolean svg) {
        DisplayData d = new DisplayData(ChartImages.describe(chart));
        PngImages.put(d, ChartImages.png(chart, ChartImages.SCALE), ChartImages.SCALE);
        if (svg) {
            d.putSVG(ChartImages.svg(chart));
        }
        return d;
    }

    /** An image as image/png, with {@code description} as its text. */
    public static DisplayData image(BufferedImage img, String description) {
        DisplayData d = new DisplayData(description + " (" + img.getWidth() + "x" + img.getHeight() + " image)");
        PngImages.put(d, img, 1);
        return d;
    }

    /** A reconstruction grid: ground truth | reconstruction | error map (| upsampled), PSNR per image. */
    public static DisplayData reconstruction(Reconstruction r) {
        return image(ImageGrids.reconstruction(r), String.format(Locale.ROOT,
                "reconstructions by '%s' of %d images: mean PSNR %.2f dB (per row: %s)%s", r.run(),
                r.truth().count(), r.meanPsnr(), java.util.Arrays.stream(r.psnr()).mapToObj(p -> String.format(
                        Locale.ROOT, "%.2f dB", p)).collect(java.util.stream.Collectors.joining(", ")),
                r.upsampled() == null ? "" : "; last column rendered at " + r.upsample() + "x"));
    }
}
