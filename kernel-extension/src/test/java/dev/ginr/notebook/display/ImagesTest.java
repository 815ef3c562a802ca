package dev.ginr.notebook.display;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.AblationResult;
import dev.ginr.inr.experiment.PaperResults;
import dev.ginr.inr.experiment.Reconstruction;
import dev.ginr.inr.experiment.RunScore;
import dev.ginr.inr.config.ModelType;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagesTest {

    static BufferedImage decode(DisplayData d) throws Exception {
        String b64 = (String) d.getData(MIMEType.IMAGE_PNG);
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
    }

    static SignalBatch batch(int n, int side, float value) {
        float[] v = new float[n * side * side * 3];
        java.util.Arrays.fill(v, value);
        return new SignalBatch(v, n, new int[] {side, side}, 3);
    }

    @Test
    void chartPngIsDrawnAtTwiceItsSizeAndShownAtItsSize() throws Exception {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("t").build();
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {3, 1, 2});
        DisplayData d = Displays.chart(chart, true);
        BufferedImage img = decode(d);
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(d.toString().contains("width") || d.hasDataForType(MIMEType.IMAGE_PNG));
        assertTrue(((String) d.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
    }

    @Test
    void reconstructionGridHasOneTilePerColumnAndOneRowPerImage() throws Exception {
        SignalBatch truth = batch(3, 32, 0.5f);
        SignalBatch rec = batch(3, 32, 0.4f);
        SignalBatch up = batch(3, 128, 0.4f);
        Reconstruction r = new Reconstruction("run", truth, rec, up, 4, new double[] {20, 20, 20});
        BufferedImage img = decode(Displays.reconstruction(r));
        int tile = 128; // max(128, 32 * 4)
        assertEquals(4 * tile + 3 * 4 + 70, img.getWidth()); // 4 columns, gaps, the PSNR labels
        assertEquals(18 + 3 * tile + 2 * 4, img.getHeight()); // header, 3 rows, gaps
    }

    @Test
    void errorMapIsBlackWhereExactAndBrightWhereWrong() {
        float[] a = new float[2 * 2 * 3];
        float[] b = a.clone();
        b[9] = 1f; // pixel 3, blue
        b[10] = 1f;
        b[11] = 1f;
        BufferedImage e = ImageGrids.errorMap(a, b, 2);
        assertEquals(40, e.getRGB(0, 0) & 0xff); // black-ish
        assertEquals(0xffff00, e.getRGB(1, 1) & 0xffff00); // full error: yellow
    }

    @Test
    void imageBatchStripDecodesToItsTiles() throws Exception {
        BufferedImage strip = ImageGrids.strip(batch(4, 32, 0.2f));
        BufferedImage back = decode(Displays.image(strip, "strip"));
        assertEquals(4 * 128 + 3 * 4, back.getWidth());
        assertEquals(128, back.getHeight());
    }

    @Test
    void ablationChartHasOursAndThePapersRow() {
        List<AblationResult.Row> rows = new java.util.ArrayList<>();
        for (int l = 1; l <= 5; l++) {
            rows.add(new AblationResult.Row(l, l - 1, 0, new RunScore("x-layer" + l, ModelType.LOW_RANK_TRANSINR,
                    "image_folder", 32, 3, 4, 6, 3, 10 + l, "cpu()"), "completed"));
        }
        AblationResult a = new AblationResult("x", 5, rows);
        var chart = AblationChart.of(a, PaperResults.Dataset.IMAGENETTE);
        assertEquals(2, chart.getSeriesMap().size());
        assertEquals(5, a.table(PaperResults.Dataset.IMAGENETTE).rowCount());
        assertEquals(35.93, a.table(PaperResults.Dataset.IMAGENETTE).doubleColumn(4).get(1), 1e-9);
        Map<String, ?> series = chart.getSeriesMap();
        assertTrue(series.keySet().stream().anyMatch(k -> k.startsWith("paper Table 7, ImageNette")), series.keySet()
                .toString());
    }
}
