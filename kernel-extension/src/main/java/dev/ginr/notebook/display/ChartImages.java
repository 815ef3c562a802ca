package dev.ginr.notebook.display;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** XChart charts as images: PNG drawn at a pixel scale (2 = crisp on high-density screens) and SVG. */
public final class ChartImages {

    /** Pixels per CSS pixel of chart PNGs. */
    public static final int SCALE = 2;

    private ChartImages() {}

    /** The chart drawn at {@code scale} times its width and height, antialiased. */
    public static BufferedImage png(Chart<?, ?> chart, int scale) {
        BufferedImage img = new BufferedImage(chart.getWidth() * scale, chart.getHeight() * scale,
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The chart as an SVG document. */
    public static String svg(Chart<?, ?> chart) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
