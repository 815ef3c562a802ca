package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.train.AdaptationResult;
import dev.ginr.notebook.display.ImageGrids;
import dev.ginr.notebook.display.InnerStepGrid;
import dev.ginr.notebook.display.PhotoTiles;
import dev.ginr.notebook.display.RecordingSink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %ginr_show RUN --inner-steps}: Algorithm 1 step by step as a picture whose every tile is the reconstruction
 * whose PSNR is written under it; and the clear one-line refusals where it does not apply.
 */
class InnerStepsMagicTest {

    private static final Path PHOTOS = Path.of("..").toAbsolutePath().normalize().resolve("data/offline-photos/32");

    private final GinrSession session = GinrSession.create();

    @AfterEach
    void closeRuns() {
        session.runs().values().forEach(r -> r.run().close());
    }

    @Test
    void theGridShowsEachInnerStepWithThePsnrWrittenUnderIt(@TempDir Path tmp) throws IOException {
        Path data = fewPhotos(tmp, 3);
        session.putRun(new SessionRun(ExperimentRun.ofPreset("meta", "meta-32-small", ModelType.META_LOW_RANK),
                null, null, null));
        RecordingSink sink = new RecordingSink();
        Object out = new ShowMagic(session).call(sink, List.of("meta", "--inner-steps", "--data", data.toString()),
                null);
        AdaptationResult a = (AdaptationResult) out;
        assertEquals(1, sink.displayed.size());
        DisplayData d = sink.displayed.get(0);
        String text = (String) d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
        Matcher rows = Pattern.compile("per row: ([^)]*)\\)").matcher(text);
        assertTrue(text.startsWith("inner steps of 'meta' on 3 images: mean PSNR ") && rows.find(), text);
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(
                (String) d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG))));
        int tile = ImageGrids.MIN_TILE;
        String[] printed = rows.group(1).split("; ");
        for (int r = 0; r < 3; r++) {
            String[] byStep = printed[r].split(" -> ");
            assertEquals(3, byStep.length, printed[r]); // the init and the preset's 2 inner steps
            BufferedImage truth = sub(grid, r, 3, tile);
            assertTrue(PhotoTiles.minChannelStd(sub(grid, r, 3, tile)) >= PhotoTiles.MIN_CHANNEL_STD, "truth " + r);
            for (int k = 0; k <= 2; k++) {
                double psnr = PhotoTiles.psnr(truth, sub(grid, r, k, tile), 32);
                assertEquals(Double.parseDouble(byStep[k]), psnr, 0.2, "row " + r + ", step " + k);
                assertEquals(a.psnrByStep()[r][k], psnr, 0.2);
            }
        }
        int[] init0 = tileAt(grid, 0, 0, tile);
        assertTrue(java.util.Arrays.equals(init0, tileAt(grid, 2, 0, tile)), "step 0 is the same init for all");
    }

    @Test
    void innerStepsOnARunWithoutThemSaysWhichRunsHaveThem() {
        session.putRun(new SessionRun(ExperimentRun.ofPreset("quick", "image-32-small",
                ModelType.LOW_RANK_TRANSINR), null, null, null));
        RecordingSink sink = new RecordingSink();
        String text = (String) new ShowMagic(session).call(sink, List.of("quick", "--inner-steps"), null);
        assertEquals("%ginr_show: --inner-steps needs a meta-learned run (meta_low_rank_modulated_inr or "
                + "learned_init); 'quick' is low_rank_modulated_transinr, whose weights come from a transformer in "
                + "one pass\n" + ShowMagic.USAGE.line(), text);
        session.putRun(new SessionRun(ExperimentRun.ofPreset("meta", "meta-32-small", ModelType.META_LOW_RANK),
                null, null, null));
        assertEquals("%ginr_show: --inner-steps shows each step at the images' own resolution; drop --upsample\n"
                + ShowMagic.USAGE.line(), new ShowMagic(session).call(sink, List.of("meta", "--inner-steps",
                "--upsample", "2"), null));
        assertEquals("%ginr_show: --inner-steps takes no value\n" + ShowMagic.USAGE.line(),
                new ShowMagic(session).call(sink, List.of("meta", "--inner-steps=2"), null));
        assertEquals(0, sink.displayed.size());
        String help = (String) new ShowMagic(session).call(sink, List.of("--help"), null);
        assertTrue(help.contains("[--inner-steps]") && help.contains("  --inner-steps  "), help);
    }

    /** A folder with train/ and test/ holding {@code n} crops each of the offline photo set. */
    private static Path fewPhotos(Path tmp, int n) throws IOException {
        for (String part : List.of("train", "test")) {
            Files.createDirectories(tmp.resolve(part));
            try (Stream<Path> s = Files.list(PHOTOS.resolve(part))) {
                for (Path p : s.sorted().limit(n).toList()) {
                    Files.copy(p, tmp.resolve(part).resolve(p.getFileName()));
                }
            }
        }
        return tmp;
    }

    private static BufferedImage sub(BufferedImage grid, int row, int col, int tile) {
        Point at = InnerStepGrid.tileOrigin(row, col, tile);
        return grid.getSubimage(at.x, at.y, tile, tile);
    }

    private static int[] tileAt(BufferedImage grid, int row, int col, int tile) {
        return PhotoTiles.sampled(sub(grid, row, col, tile), 32);
    }
}
