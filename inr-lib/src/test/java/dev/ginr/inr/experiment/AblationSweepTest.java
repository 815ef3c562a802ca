package dev.ginr.inr.experiment;

import dev.ginr.inr.train.StopRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer-location sweep resumes after an interrupt, trains several seeds per layer and writes its CSV. */
class AblationSweepTest {

    private static final String TINY = "experiment:\n  steps: 2\n  batch_size: 2\n  seed: 5\n";

    private static Path photos(Path dir) throws IOException {
        for (String split : List.of("train", "test")) {
            Files.createDirectories(dir.resolve(split));
            for (int i = 0; i < (split.equals("train") ? 4 : 2); i++) {
                BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        img.setRGB(x, y, ((x * 8 + i * 40) & 0xff) << 16 | ((y * 8) & 0xff) << 8 | (i * 60 & 0xff));
                    }
                }
                ImageIO.write(img, "png", dir.resolve(split).resolve(split + i + ".png").toFile());
            }
        }
        return dir;
    }

    @Test
    void aSweepRunAgainAfterAnInterruptTrainsOnlyTheRemainingLayers(@TempDir Path tmp) throws IOException {
        TrainingRecipe base = TrainingRecipe.ofYaml("abl", TINY, "image-32-small", photos(tmp.resolve("data")));
        Path runs = tmp.resolve("runs");
        Map<Integer, Integer> trainedSteps = new TreeMap<>();
        StopRequest stop = new StopRequest();
        AblationResult first = AblationSweep.run(base, List.of(1, 2, 3, 4), 1, runs, null, (layer, r) -> {
            if (layer == 3) {
                stop.request("interrupted by the test after two layers");
            }
            return e -> trainedSteps.merge(layer, 1, Integer::sum);
        }, stop);
        assertEquals(3, first.rows().size(), first.rows().toString());
        assertEquals(Map.of(1, 2, 2, 2), trainedSteps, "steps trained per layer before the interrupt");
        assertTrue(!first.rows().get(2).stopReason().startsWith("completed"), first.rows().get(2).stopReason());

        trainedSteps.clear();
        AblationResult second = AblationSweep.run(base, List.of(1, 2, 3, 4), 1, runs, null,
                (layer, r) -> e -> trainedSteps.merge(layer, 1, Integer::sum), new StopRequest());
        assertEquals(Map.of(3, 2, 4, 2), trainedSteps, "only layers 3 and 4 train again");
        assertEquals(4, second.rows().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(first.rows().get(i).score().meanPsnr(), second.rows().get(i).score().meanPsnr(), 1e-9,
                    "layer " + (i + 1) + " is scored from its finished checkpoint");
            assertTrue(second.rows().get(i).stopReason().contains("finished earlier"),
                    second.rows().get(i).stopReason());
        }
    }

    @Test
    void seedsGiveMeanAndSdPerLayerAndOneCsvLinePerRun(@TempDir Path tmp) throws IOException {
        TrainingRecipe base = TrainingRecipe.ofYaml("abl", TINY, "image-32-small", photos(tmp.resolve("data")));
        AblationResult r = AblationSweep.run(base, List.of(2, 5), 2, tmp.resolve("runs"), null,
                (layer, rec) -> e -> { }, new StopRequest());
        assertEquals(4, r.rows().size());
        assertEquals(List.of(5L, 6L, 5L, 6L), r.rows().stream().map(AblationResult.Row::seed).toList());
        double a = r.rows().get(0).score().meanPsnr();
        double b = r.rows().get(1).score().meanPsnr();
        double[] st = r.stats(2);
        assertEquals((a + b) / 2, st[0], 1e-9);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), st[1], 1e-9);
        assertEquals(2, st[2]);
        Table t = r.table(PaperResults.Dataset.IMAGENETTE);
        assertEquals(2, t.rowCount());
        assertEquals(2, t.intColumn("seeds").get(0));
        assertEquals(35.93, t.doubleColumn(4).get(0), 1e-9);
        Path csv = tmp.resolve("out").resolve("results.csv");
        r.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("layer (paper numbering),arch.modulated_layer_idxs,seed,run"), lines.get(0));
        assertTrue(lines.get(2).startsWith("2,1,6,abl-layer2-seed6,2,2,4,2,"), lines.get(2));
        try (var s = Files.list(csv.getParent())) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }
}
