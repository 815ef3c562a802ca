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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
     * The quickstart's one-INR-per-photo fit must exceed this (4 images, 60 steps). An untrained hyponet sits near
     * 10 dB; the CPU runs of the quickstart reached about 25 dB on 32x32 photos.
     */
    static final double QUICKSTART_PSNR_FLOOR_DB = 18.0;

    /**
     * The budget the tests run the notebooks at (the stored notebooks' defaults are real budgets of minutes). Long
     * enough that the quickstart's training outlasts a few redraws of its live display (two a second) on a fast
     * machine: at 4 steps a 2-core machine with a 306 GFLOP/s peak finished before the third redraw.
     */
    static final int TINY_STEPS = 20;
    static final int TINY_TEST_IMAGES = 8;

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private static JsonObject report;
    private static Path dataUsed;

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
        dataUsed = data;
        Path runs = Files.createTempDirectory("ginr-notebook-runs-");
        Map<String, String> env = new java.util.HashMap<>(tinyBudget(data, runs));
        env.putAll(tinyScenes(scenes()));
        report = JupyterDriver.run(jupyterPath, "notebook_driver.py", 1800, env, args.toArray(String[]::new));
        Files.writeString(Path.of("target", "notebook-report.json"), report.toString());
        report.entrySet().forEach(e -> System.out.println("notebook " + e.getKey() + " on " + data + ": "
                + e.getValue().getAsJsonObject().get("seconds") + " s, errors "
                + e.getValue().getAsJsonObject().get("errors") + " (full report: target/notebook-report.json)"));
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
        assertTrue(!qs.get("fit_psnr").isJsonNull(), "no 'Fit PSNR' line in the quickstart's output");
        double psnr = qs.get("fit_psnr").getAsDouble();
        assertTrue(psnr > QUICKSTART_PSNR_FLOOR_DB, "quickstart PSNR " + psnr + " dB <= floor "
                + QUICKSTART_PSNR_FLOOR_DB + " dB");
    }

    @Test
    void trainingCellShowsOneDisplayUpdatedInPlaceAtLeastThreeTimes() {
        JsonObject cell = cell("01-quickstart.ipynb", "%ginr_train quick");
        JsonObject updates = cell.getAsJsonObject("updates");
        assertEquals(1, updates.size(), "display ids updated: " + updates);
        int n = updates.entrySet().iterator().next().getValue().getAsInt();
        assertTrue(n >= 3, "the training display was updated " + n + " times");
        assertEquals(1, cell.getAsJsonArray("outputs").size(), cell.toString());
        String summary = output(cell, "text/html").get("html").getAsString();
        assertTrue(summary.contains("completed after " + TINY_STEPS + " steps") && summary.contains("held-out PSNR"), summary);
    }

    @Test
    void psnrTableShowsThePapersNumbersBesideOurs() {
        JsonObject out = output(cell("01-quickstart.ipynb", "%ginr_table quick"), "text/html");
        String html = out.get("html").getAsString();
        String text = out.get("text").getAsString();
        assertTrue(html.contains(">38.46</td>") && text.contains("Table 2 'Ours', ImageNette 178x178"),
                "paper's Table 2: " + html);
        assertTrue(html.contains("178x178 images, multi-GPU, thousands of epochs"), html);
        java.util.regex.Matcher ours = java.util.regex.Pattern.compile(
                "(?m)^quick +\\| low_rank_modulated_transinr \\| 32x32, " + TINY_STEPS + " steps of batch 16, 7936 train / "
                        + TINY_TEST_IMAGES + " held-out images, cpu\\(\\) +\\| +([0-9.]+) \\|").matcher(text);
        assertTrue(ours.find(), text);
        assertTrue(html.contains(">" + ours.group(1) + "</td>"), "our PSNR " + ours.group(1) + " in " + html);
    }

    @Test
    void plainJavaNotebookGivesTheSamePsnrTableAsTheMagics() {
        String magic = output(cell("01-quickstart.ipynb", "%ginr_table quick"), "text/html")
                .get("text").getAsString();
        String plain = output(cell("01b-quickstart-plain-java.ipynb", "Table table = PaperComparison"),
                "text/html").get("text").getAsString();
        assertEquals(magic, plain);
    }

    @Test
    void reconstructionsAndUpsamplingShowAsImages() {
        JsonObject plain = output(cell("01-quickstart.ipynb", "%ginr_show quick"), "image/png");
        assertTrue(plain.get("text").getAsString().contains("reconstructions by 'quick' of 4 images"), plain.toString());
        JsonObject up = output(cell("01-quickstart.ipynb", "%ginr_show quick --upsample 4"), "image/png");
        assertTrue(up.get("text").getAsString().contains("rendered at 4.0x"), up.toString());
    }

    @Test
    void ablationGivesFiveRowsBesideTable7AndAPngChart() {
        JsonObject cell = cell("04-layer-ablation.ipynb", "AblationResult sweep = %ginr_ablation");
        String html = null;
        for (JsonElement e : cell.getAsJsonArray("outputs")) {
            String h = e.getAsJsonObject().get("html").getAsString();
            if (h.contains("Layer location of the modulated weight")) {
                html = h;
            }
        }
        assertNotNull(html, cell.toString());
        assertEquals(5, html.split("<tr>", -1).length - 2, html); // header row + 5 rows
        for (String paper : List.of(">31.00</td>", ">35.93</td>", ">32.99</td>", ">31.10</td>", ">20.26</td>")) {
            assertTrue(html.contains(paper), paper + " in " + html);
        }
        assertNotNull(output(cell, "image/png"), "the chart");
        assertEquals(5, cell.getAsJsonObject("updates").size(), "one live display per layer");
    }

    /**
     * The executed quickstart's first picture (its first image/png output) shows the first four crops of the offline
     * photo set, each a photograph from the source list and none blank.
     */
    @Test
    void quickstartPicturesArePhotographsOfTheOfflinePhotoSet() throws Exception {
        assertTrue(dataUsed.endsWith(Path.of("offline-photos", "32")), "the notebooks ran on " + dataUsed
                + ", not on photographs: build the offline photo set (bash data-scripts/build-offline-photos.sh)");
        JsonObject nb = com.google.gson.JsonParser.parseString(Files.readString(Path.of("target",
                "executed-notebooks", "01-quickstart.ipynb"))).getAsJsonObject();
        String png = null;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (png == null && cell.get("cell_type").getAsString().equals("code") && cell.has("outputs")) {
                for (JsonElement o : cell.getAsJsonArray("outputs")) {
                    JsonObject d = o.getAsJsonObject().getAsJsonObject("data");
                    if (png == null && d != null && d.has("image/png")) {
                        JsonElement v = d.get("image/png");
                        png = v.isJsonArray() ? String.join("", v.getAsJsonArray().asList().stream()
                                .map(JsonElement::getAsString).toList()) : v.getAsString();
                    }
                }
            }
        }
        assertNotNull(png, "the executed quickstart shows no picture");
        BufferedImage figure = ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getMimeDecoder()
                .decode(png)));
        List<BufferedImage> tiles = dev.ginr.notebook.display.PhotoTiles.tiles(figure, 4);
        List<Path> crops = dev.ginr.inr.data.ImageFolder.list(dataUsed.resolve("train")).subList(0, 4);
        var manifest = dev.ginr.notebook.display.PhotoTiles.manifest(dataUsed.getParent());
        for (int i = 0; i < 4; i++) {
            double std = dev.ginr.notebook.display.PhotoTiles.minChannelStd(tiles.get(i));
            assertTrue(std >= dev.ginr.notebook.display.PhotoTiles.MIN_CHANNEL_STD, "tile " + i + " is blank (std "
                    + std + ")");
            BufferedImage crop = ImageIO.read(crops.get(i).toFile());
            int[] shown = dev.ginr.notebook.display.PhotoTiles.sampled(tiles.get(i), 32);
            int[] expected = crop.getRGB(0, 0, 32, 32, null, 0, 32);
            for (int p = 0; p < shown.length; p++) {
                assertEquals(expected[p] & 0xffffff, shown[p], "tile " + i + " does not show " + crops.get(i));
            }
            String rel = dataUsed.getParent().relativize(crops.get(i)).toString();
            assertTrue(manifest.containsKey(rel) && dev.ginr.notebook.display.PhotoTiles.photoPackages()
                    .contains(manifest.get(rel).packageName()), rel + " is not a crop of a listed photograph");
        }
    }

    /** The audio notebook's players hold playable 16-bit WAVs: the held-out clip, its reconstruction, a 2x render. */
    @Test
    void audioPlayersHoldTheHeldOutClipItsReconstructionAndATwiceTheRateRender() throws Exception {
        JsonObject nb = com.google.gson.JsonParser.parseString(Files.readString(Path.of("target",
                "executed-notebooks", "02-audio.ipynb"))).getAsJsonObject();
        String html = null;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (html == null && cell.get("cell_type").getAsString().equals("code")
                    && String.join("", cell.getAsJsonArray("source").asList().stream().map(JsonElement::getAsString)
                    .toList()).startsWith("%ginr_show speech")) {
                JsonElement v = cell.getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonObject("data")
                        .get("text/html");
                html = v.isJsonArray() ? String.join("", v.getAsJsonArray().asList().stream()
                        .map(JsonElement::getAsString).toList()) : v.getAsString();
            }
        }
        assertNotNull(html, "02-audio shows no players");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<audio controls[^>]*src=\"data:audio/wav;base64,"
                + "([A-Za-z0-9+/=]+)\"").matcher(html);
        List<dev.ginr.inr.data.audio.Waveform> wavs = new ArrayList<>();
        while (m.find()) {
            wavs.add(dev.ginr.inr.data.audio.WavFile.read(java.util.Base64.getDecoder().decode(m.group(1))));
        }
        assertEquals(List.of(16000, 16000, 32000), wavs.stream()
                .map(dev.ginr.inr.data.audio.Waveform::sampleRate).toList());
        wavs.forEach(w -> assertEquals(1.0, w.seconds()));
        float[] heldOut = dev.ginr.inr.data.audio.AudioClipFolder.load(REPO.resolve("data/offline-speech/1s/test"), 16000,
                16000, 1).clips().signal(0);
        float[] truth = wavs.get(0).samples();
        for (int i = 0; i < heldOut.length; i++) {
            assertEquals(heldOut[i], truth[i], 1.0 / 32767, "the first player is the first held-out clip, sample " + i);
        }
        double se = 0;
        for (int i = 0; i < truth.length; i++) {
            se += Math.pow(truth[i] - wavs.get(1).samples()[i], 2);
        }
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("clip 0: PSNR ([0-9.]+) dB").matcher(html);
        assertTrue(shown.find(), html.substring(0, 300));
        assertEquals(Double.parseDouble(shown.group(1)), -10 * Math.log10(se / truth.length), 0.02,
                "the PSNR shown is that of the reconstruction played");
    }

    /** The environment that runs the notebooks on {@code data} at the tests' tiny budget, runs under {@code runs}. */
    static Map<String, String> tinyBudget(Path data, Path runs) {
        Map<String, String> env = new java.util.HashMap<>(Map.ofEntries(Map.entry("GINR_DATA", data.toString()),
                Map.entry("GINR_RUNS", runs.toString()),
                Map.entry("GINR_QUICKSTART_STEPS", String.valueOf(TINY_STEPS)), Map.entry("GINR_QUICKSTART_TEST_IMAGES",
                String.valueOf(TINY_TEST_IMAGES)), Map.entry("GINR_ABLATION_STEPS", "3"),
                Map.entry("GINR_ABLATION_BATCH", "4"), Map.entry("GINR_ABLATION_IMAGES", "6"),
                Map.entry("GINR_ABLATION_TEST_IMAGES", "3"), Map.entry("GINR_SCRATCH_STEPS", "40"),
                Map.entry("GINR_ACTIVATIONS_STEPS", String.valueOf(TINY_STEPS)),
                Map.entry("GINR_ACTIVATIONS_TEST_IMAGES", "4")));
        env.putAll(Map.of("GINR_META_STEPS", "3", "GINR_META_BATCH", "4", "GINR_META_IMAGES", "6",
                "GINR_META_TEST_IMAGES", "4"));
        // One engine thread: 01 and 01b must give the same numbers, and with two threads core sharing may drop one
        // kernel to one thread mid-run (when the machine is busy), which changes the float summation order.
        env.put("OMP_NUM_THREADS", "1");
        return env;
    }

    /**
     * The meta-learning notebook's inner-step grids (second and first order): the PSNR printed for each step of each
     * row equals the PSNR recomputed from the picture's tiles, step 0 (the learned init) is the same in every row,
     * no ground-truth tile is blank; and the learned initialisation is shown on its own as a 128x128 picture.
     */
    @Test
    void metaLearningNotebookShowsEveryInnerStepAndTheLearnedInit() throws Exception {
        for (String run : List.of("meta", "meta-fo")) {
            String cellStart = "%ginr_show " + run + " --inner-steps";
            String text = output(cell("05-meta-learning-step-by-step.ipynb", cellStart), "image/png").get("text")
                    .getAsString();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("per row: ([^)]*)\\)").matcher(text);
            assertTrue(text.startsWith("inner steps of '" + run + "' on 4 images") && m.find(), text);
            BufferedImage grid = firstPng("05-meta-learning-step-by-step.ipynb", cellStart);
            String[] rows = m.group(1).split("; ");
            assertEquals(4, rows.length, text);
            int tile = dev.ginr.notebook.display.ImageGrids.MIN_TILE;
            for (int r = 0; r < rows.length; r++) {
                String[] byStep = rows[r].split(" -> ");
                assertEquals(3, byStep.length, rows[r]); // the learned init and 2 inner steps
                BufferedImage truth = innerStepTile(grid, r, 3, tile);
                assertTrue(dev.ginr.notebook.display.PhotoTiles.minChannelStd(truth)
                        >= dev.ginr.notebook.display.PhotoTiles.MIN_CHANNEL_STD, run + ": ground truth " + r);
                for (int k = 0; k < 3; k++) {
                    double psnr = dev.ginr.notebook.display.PhotoTiles.psnr(truth, innerStepTile(grid, r, k, tile),
                            32);
                    assertEquals(Double.parseDouble(byStep[k]), psnr, 0.2, run + ", row " + r + ", step " + k);
                }
                assertArrayEquals(dev.ginr.notebook.display.PhotoTiles.sampled(innerStepTile(grid, 0, 0, tile), 32),
                        dev.ginr.notebook.display.PhotoTiles.sampled(innerStepTile(grid, r, 0, tile), 32),
                        run + ": the learned init differs between rows 0 and " + r);
            }
        }
        BufferedImage init = firstPng("05-meta-learning-step-by-step.ipynb", "import dev.ginr.notebook.magic");
        assertEquals(128, init.getHeight());
        assertTrue(dev.ginr.notebook.display.PhotoTiles.minChannelStd(init) > 1, "the learned init is a flat picture");
    }

    private static BufferedImage innerStepTile(BufferedImage grid, int row, int col, int tile) {
        java.awt.Point at = dev.ginr.notebook.display.InnerStepGrid.tileOrigin(row, col, tile);
        return grid.getSubimage(at.x, at.y, tile, tile);
    }

    /** Notebook 00 builds the hyponet piece by piece: the composed weight has the composers' rank, two photos fit. */
    @Test
    void fromScratchNotebookShowsTheRankOfVUAndFitsTwoPhotos() throws Exception {
        String text = cell("00-modulated-mlp-from-scratch.ipynb", "System.out.println(\"V(n) per photo").toString();
        assertTrue(text.contains("rank of W(0): 16, after normalisation: 16"), text);
        JsonObject fit = cell("00-modulated-mlp-from-scratch.ipynb", "Path data = ");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Scratch PSNR: \\[([0-9.]+), ([0-9.]+)\\] dB")
                .matcher(fit.toString());
        assertTrue(m.find(), fit.toString());
        for (int i = 1; i <= 2; i++) { // an untrained hyponet renders about 8 dB; 40 steps reached 14-18 dB
            assertTrue(Double.parseDouble(m.group(i)) > 12, "photo " + i + ": " + m.group(i) + " dB");
        }
        assertNoBlankPicture("00-modulated-mlp-from-scratch.ipynb", 8);
    }

    /**
     * Notebook 06: the activation table says layer 0 is shared (share 0) and the modulated layer 1 is not; a grid per
     * layer and a strip per mix, none blank.
     */
    @Test
    void activationsNotebookSeparatesSharedFromModulatedLayersAndMixes() throws Exception {
        JsonObject cell = cell("06-activations.ipynb", "ActivationMaps maps = %ginr_activations act");
        String table = output(cell, "text/html").get("text").getAsString();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^ +([0-9]) \\| [^|]+\\| +[0-9]+ \\|[^|]+\\|[^|]+"
                + "\\| +([0-9.e-]+) *$").matcher(table);
        Map<Integer, Double> share = new java.util.HashMap<>();
        while (row.find()) {
            share.put(Integer.parseInt(row.group(1)), Double.parseDouble(row.group(2)));
        }
        assertEquals(5, share.size(), table);
        assertEquals(0.0, share.get(0), table);
        assertTrue(share.get(1) > 0, table);
        assertEquals(6, cell.getAsJsonArray("outputs").size(), "the table and one grid per layer");
        assertTrue(output(cell("06-activations.ipynb", "%ginr_mix act 0 1 --steps 7"), "image/png").get("text")
                .getAsString().startsWith("composer mix of 'act' from image 0 to image 1 in 7 steps"));
        assertNoBlankPicture("06-activations.ipynb", 8);
    }

    /** Every picture the executed notebook shows has at least {@code count} of them, each with real content. */
    private static void assertNoBlankPicture(String notebook, int count) throws IOException {
        JsonObject nb = com.google.gson.JsonParser.parseString(Files.readString(Path.of("target",
                "executed-notebooks", notebook))).getAsJsonObject();
        int seen = 0;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            for (JsonElement o : c.getAsJsonObject().has("outputs") ? c.getAsJsonObject().getAsJsonArray("outputs")
                    : new com.google.gson.JsonArray()) {
                JsonObject d = o.getAsJsonObject().getAsJsonObject("data");
                if (d != null && d.has("image/png")) {
                    JsonElement v = d.get("image/png");
                    String png = v.isJsonArray() ? String.join("", v.getAsJsonArray().asList().stream()
                            .map(JsonElement::getAsString).toList()) : v.getAsString();
                    BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64
                            .getMimeDecoder().decode(png)));
                    java.util.Set<Integer> colours = new java.util.HashSet<>();
                    for (int y = 0; y < img.getHeight(); y += 2) {
                        for (int x = 0; x < img.getWidth(); x += 2) {
                            colours.add(img.getRGB(x, y));
                        }
                    }
                    assertTrue(colours.size() > 40, notebook + " picture " + seen + " has " + colours.size()
                            + " colours");
                    seen++;
                }
            }
        }
        assertTrue(seen >= count, notebook + " shows " + seen + " pictures, expected " + count);
    }

    /**
     * The environment that runs 03-novel-views on {@code scenes} tiny: 3 steps on 3 objects, 1 held out, one scene
     * shown with its turntable at the model's resolution.
     */
    static Map<String, String> tinyScenes(Path scenes) {
        return Map.of("GINR_SCENES", scenes.toString(), "GINR_NVS_STEPS", "3", "GINR_NVS_TRAIN_OBJECTS", "3",
                "GINR_NVS_TEST_OBJECTS", "1", "GINR_NVS_SHOW", "1", "GINR_NVS_UPSAMPLE", "1");
    }

    /** The offline multi-view set when it is built (Blender); else a generated one ({@link GeneratedScenes}). */
    private static Path scenes() throws IOException {
        Path real = REPO.resolve("data").resolve("offline-scenes");
        if (Files.isRegularFile(real.resolve("chair_splits.json"))) {
            return real;
        }
        System.out.println("data/offline-scenes is not built: 03-novel-views runs on generated scenes");
        return GeneratedScenes.write(Files.createTempDirectory("ginr-generated-scenes-"), 3, 1);
    }

    /**
     * 03-novel-views shows the support views of held-out objects, Table 4 beside our PSNRs, and rendered novel
     * views: a row of support | query | rendered | twelve turntable frames, where the rendered frames are not the
     * blank white background and change as the camera moves round the object.
     */
    @Test
    void novelViewsNotebookShowsSupportViewsTable4AndRenderedNovelViews() throws Exception {
        String support = output(cell("03-novel-views.ipynb", "Path scenesRoot"), "image/png").get("text")
                .getAsString();
        assertTrue(support.contains("support | query views of the first 4 held-out scenes of chairs"), support);
        String html = output(cell("03-novel-views.ipynb", "%ginr_table nvs nvs-transinr"), "text/html").get("html")
                .getAsString();
        assertTrue(html.contains(">19.30</td>") && html.contains(">19.05</td>") && html.contains("ShapeNet Chairs"),
                html);
        String text = output(cell("03-novel-views.ipynb", "%ginr_show nvs "), "image/png").get("text").getAsString();
        assertTrue(text.contains("novel views by 'nvs' of the first 1 held-out scenes of chairs") && text.contains("all-white"), text);
        BufferedImage grid = firstPng("03-novel-views.ipynb", "%ginr_show nvs ");
        int tile = 96;
        int columns = (grid.getWidth() + 4) / (tile + 4);
        assertEquals(3 + 12, columns, "support | query | rendered | 12 turntable frames in " + grid.getWidth() + " px");
        List<int[]> frames = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            int[] px = grid.getRGB((3 + f) * (tile + 4), 18, tile, tile, null, 0, tile);
            double fromWhite = 0;
            for (int p : px) {
                fromWhite += 3 * 255 - ((p >> 16) & 0xff) - ((p >> 8) & 0xff) - (p & 0xff);
            }
            assertTrue(fromWhite / px.length > 3, "turntable frame " + f + " is blank white");
            frames.add(px);
        }
        boolean moves = false;
        for (int f = 1; f < 12; f++) {
            moves |= !java.util.Arrays.equals(frames.get(f), frames.get(0));
        }
        assertTrue(moves, "all twelve turntable frames are the same picture");
    }

    @Test
    void compareDrawsTheLearningCurveAndReturnsItsTable() {
        JsonObject cell = cell("01-quickstart.ipynb", "Table curves = %ginr_compare quick");
        assertTrue(output(cell, "image/png").get("text").getAsString().contains("Learning curves"), cell.toString());
        String table = output(cell, "text/html").get("text").getAsString();
        assertTrue(table.contains("Count     | " + TINY_STEPS + " ") && table.contains("held-out PSNR (dB)"), table);
    }

    /**
     * The held-out reconstructions of the executed quickstart: no tile is blank, and the PSNR printed for each row
     * equals the PSNR recomputed from the picture's own ground-truth and reconstruction tiles (8-bit pixels, so
     * within 0.2 dB).
     */
    @Test
    void reconstructionPsnrsMatchTheirPicturesAndNoTileIsBlank() throws Exception {
        JsonObject out = output(cell("01-quickstart.ipynb", "%ginr_show quick"), "image/png");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("per row: ([^)]*)\\)")
                .matcher(out.get("text").getAsString());
        assertTrue(m.find(), out.get("text").getAsString());
        String[] printed = m.group(1).split(", ");
        BufferedImage grid = firstPng("01-quickstart.ipynb", "%ginr_show quick");
        int tile = dev.ginr.notebook.display.ImageGrids.MIN_TILE;
        for (int r = 0; r < printed.length; r++) {
            BufferedImage truth = grid.getSubimage(0, 18 + r * (tile + 4), tile, tile);
            BufferedImage rec = grid.getSubimage(tile + 4, 18 + r * (tile + 4), tile, tile);
            assertTrue(dev.ginr.notebook.display.PhotoTiles.minChannelStd(truth)
                    >= dev.ginr.notebook.display.PhotoTiles.MIN_CHANNEL_STD, "ground truth " + r + " is blank");
            assertTrue(dev.ginr.notebook.display.PhotoTiles.minChannelStd(rec) > 1, "reconstruction " + r
                    + " is blank");
            double psnr = dev.ginr.notebook.display.PhotoTiles.psnr(truth, rec, 32);
            double shown = Double.parseDouble(printed[r].replace(" dB", ""));
            assertEquals(shown, psnr, 0.2, "row " + r + ": printed " + shown + " dB, the picture gives " + psnr);
        }
    }

    private static BufferedImage firstPng(String notebook, String sourcePrefix) throws IOException {
        JsonObject nb = com.google.gson.JsonParser.parseString(Files.readString(Path.of("target",
                "executed-notebooks", notebook))).getAsJsonObject();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            String src = cell.get("source").isJsonArray() ? String.join("", cell.getAsJsonArray("source").asList()
                    .stream().map(JsonElement::getAsString).toList()) : cell.get("source").getAsString();
            if (cell.has("outputs") && src.startsWith(sourcePrefix)) {
                for (JsonElement o : cell.getAsJsonArray("outputs")) {
                    JsonObject d = o.getAsJsonObject().getAsJsonObject("data");
                    if (d != null && d.has("image/png")) {
                        JsonElement v = d.get("image/png");
                        String png = v.isJsonArray() ? String.join("", v.getAsJsonArray().asList().stream()
                                .map(JsonElement::getAsString).toList()) : v.getAsString();
                        return ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getMimeDecoder()
                                .decode(png)));
                    }
                }
            }
        }
        throw new AssertionError("no picture from a cell starting with '" + sourcePrefix + "' in " + notebook);
    }

    private static JsonObject cell(String notebook, String sourcePrefix) {
        JsonObject nb = report.getAsJsonObject(notebook);
        assertNotNull(nb, notebook + " was not executed");
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            if (e.getAsJsonObject().get("source").getAsString().startsWith(sourcePrefix)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no cell starting with '" + sourcePrefix + "' in " + notebook);
    }

    private static JsonObject output(JsonObject cell, String mime) {
        for (JsonElement e : cell.getAsJsonArray("outputs")) {
            if (e.getAsJsonObject().getAsJsonArray("mimes").toString().contains("\"" + mime + "\"")) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + mime + " output in " + cell);
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
