package dev.ginr.notebook.display;

import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BubbleChart;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.DialChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.OHLCChart;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.RadarChart;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * XChart charts as images: PNG drawn at a pixel scale (2 = crisp on high-density screens) and SVG. Only XChart's
 * public chart classes are named here: their common base class lives in XChart's internal package, which may change
 * in any release.
 */
public final class ChartImages {

    /** Pixels per CSS pixel of chart PNGs. */
    public static final int SCALE = 2;

    /** The public XChart chart classes that render as images. */
    public static final List<Class<?>> CHART_TYPES = List.of(XYChart.class, CategoryChart.class, PieChart.class,
            BubbleChart.class, DialChart.class, HeatMapChart.class, OHLCChart.class, RadarChart.class, BoxChart.class);

    private ChartImages() {}

    /**
     * What drawing needs of a chart, whatever its public type. The size, title and painting come from the methods
     * every XChart chart has (found on the chart's own public class), so no internal type is named.
     */
    private record View(Object chart, int width, int height, String title) {

        void paint(Graphics2D g) {
            try {
                chart.getClass().getMethod("paint", Graphics2D.class, int.class, int.class).invoke(chart, g, width,
                        height);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot draw " + chart.getClass().getSimpleName() + ": " + e, e);
            }
        }

        void writeSvg(OutputStream out) {
            for (Method m : VectorGraphicsEncoder.class.getMethods()) {
                Class<?>[] p = m.getParameterTypes();
                if (m.getName().equals("saveVectorGraphic") && p.length == 3 && p[0].isInstance(chart)
                        && p[1] == OutputStream.class) {
                    try {
                        m.invoke(null, chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                        return;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot write " + chart.getClass().getSimpleName()
                                + " as SVG: " + e, e);
                    }
                }
            }
            throw new IllegalStateException("this XChart version cannot write SVG");
        }
    }

    private static View view(Object chart) {
        if (chart == null || CHART_TYPES.stream().noneMatch(t -> t.isInstance(chart))) {
            throw new IllegalArgumentException("not an XChart chart: " + (chart == null ? "null" : chart.getClass()));
        }
        try {
            Class<?> c = chart.getClass();
            return new View(chart, (Integer) c.getMethod("getWidth").invoke(chart),
                    (Integer) c.getMethod("getHeight").invoke(chart), (String) c.getMethod("getTitle").invoke(chart));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the size of " + chart.getClass().getSimpleName() + ": " + e,
                    e);
        }
    }

    /** "XYChart 'title' (600x400)". */
    public static String describe(Object chart) {
        View v = view(chart);
        return chart.getClass().getSimpleName() + " '" + v.title() + "' (" + v.width() + "x" + v.height() + ")";
    }

    /** The chart drawn at {@code scale} times its width and height, antialiased. */
    public static BufferedImage png(Object chart, int scale) {
        View v = view(chart);
        BufferedImage img = new BufferedImage(v.width() * scale, v.height() * scale, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            v.paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The chart as an SVG document. */
    public static String svg(Object chart) {
        View v = view(chart);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            v.writeSvg(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
