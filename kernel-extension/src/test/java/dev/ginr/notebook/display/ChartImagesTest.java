package dev.ginr.notebook.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartImagesTest {

    @Test
    void anyPublicChartTypeRendersAsPngAndSvgWithoutXChartsInternalTypes() throws Exception {
        PieChart pie = new PieChartBuilder().width(240).height(160).title("share").build();
        pie.addSeries("a", 2);
        pie.addSeries("b", 3);
        DisplayData d = Displays.chart(pie, true);
        BufferedImage img = ImagesTest.decode(d);
        assertEquals(480, img.getWidth());
        assertEquals(320, img.getHeight());
        assertTrue(((String) d.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
        assertEquals("PieChart 'share' (240x160)", ChartImages.describe(pie));
        assertThrows(IllegalArgumentException.class, () -> ChartImages.png("not a chart", 1));
    }

    @Test
    void noSourceImportsXChartsInternalPackages() throws Exception {
        try (Stream<Path> s = Files.walk(Path.of("src", "main"))) {
            List<Path> offenders = s.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("import org.knowm.xchart." + "internal");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
