package dev.ginr.notebook.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executes every notebook in notebooks/ end to end through nbclient against the real kernel, on the small offline
 * photo set (data/offline-photos/32) when it has been built, otherwise on a few generated pictures (the test says
 * which), and checks what the notebooks show.
 */
class NotebookExecutionTest {

    /**
     * The quickstart's mean PSNR must exceed this after its tiny budget (4 images, 60 steps). An untrained hyponet
     * sits near 10 dB; the CPU runs of the quickstart reached about 25 dB on 32x32 photos.
     */
    static final double QUICKSTART_PSNR_FLOOR_DB = 18.0;

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private static JsonObject report;

    @BeforeAll
    static void executeNotebooks() throws Exception {
        JupyterDriver.requireJupyter();
        Path jupyterPath = JupyterDriver.installTestKernelspec();
        List<String> args = new ArrayList<>(List.of(JupyterDriver.KERNEL_NAME,
                Path.of("target", "executed-notebooks").toAbsolutePath().toString()));
        try (Stream<Path> s = Files.list(REPO.resolve("notebooks"))) {
            s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(p -> args.add(p.toString()));
        }
        Path data = photos();
        report = JupyterDriver.run(jupyterPath, "notebook_driver.py", 1800, Map.of("GINR_DATA", data.toString()),
                args.toArray(String[]::new));
        System.out.println("notebooks on " + data + ": " + report);
    }

    @Test
    void everyNotebookRunsWithoutACellErrorAndIsStoredCleared() {
        assertTrue(report.size() >= 1, "no notebooks found under " + REPO.resolve("notebooks"));
        for (Map.Entry<String, JsonElement> e : report.entrySet()) {
            JsonObject nb = e.getValue().getAsJsonObject();
            assertTrue(nb.get("failure").isJsonNull(), e.getKey() + ": " + nb.get("failure"));
            assertEquals(0, nb.getAsJsonArray("errors").size(), e.getKey() + ": " + nb.get("errors"));
            assertTrue(nb.get("outputs_cleared").getAsBoolean(), e.getKey() + " is stored with outputs");
            assertTrue(nb.get("no_execution_counts").getAsBoolean(), e.getKey() + " is stored with counts");
        }
    }

    @Test
    void quickstartShowsTextAndImagesAndReachesThePsnrFloor() {
        JsonObject qs = report.getAsJsonObject("01-quickstart.ipynb");
        assertNotNull(qs, "notebooks/01-quickstart.ipynb was not executed");
        String mimes = qs.getAsJsonArray("mime_types").toString();
        assertTrue(mimes.contains("text/plain") && mimes.contains("image/png"), mimes);
        assertTrue(!qs.get("final_psnr").isJsonNull(), "no 'Final PSNR' line in the quickstart's output");
        double psnr = qs.get("final_psnr").getAsDouble();
        assertTrue(psnr > QUICKSTART_PSNR_FLOOR_DB, "quickstart PSNR " + psnr + " dB <= floor "
                + QUICKSTART_PSNR_FLOOR_DB + " dB");
    }

    /** The offline photo set when it is built; else four generated 64x64 pictures in a temporary folder. */
    private static Path photos() throws IOException {
        Path real = REPO.resolve("data").resolve("offline-photos").resolve("32");
        if (Files.isDirectory(real.resolve("train"))) {
            return real;
        }
        System.out.println("data/offline-photos/32 is not built yet: the notebooks run on generated pictures");
        Path dir = Files.createTempDirectory("ginr-generated-photos-").resolve("train");
        Files.createDirectories(dir);
        for (int i = 0; i < 4; i++) {
            ImageIO.write(picture(i), "png", dir.resolve("generated-" + i + ".png").toFile());
        }
        return dir.getParent();
    }

    private static BufferedImage picture(int seed) {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                double r = Math.hypot(x - 20 - 6 * seed, y - 32);
                int red = (int) (127 + 120 * Math.sin(x / (6.0 + seed)));
                int green = r < 14 ? 220 : (int) (4 * y);
                int blue = (int) (255 * ((x + y + 16 * seed) % 64) / 64.0);
                img.setRGB(x, y, (red << 16) | (Math.min(green, 255) << 8) | blue);
            }
        }
        return img;
    }
}
