package dev.ginr.inr.experiment;

import dev.ginr.inr.config.ModelType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The PSNRs the paper reports (PAPER.md section 6), to be shown beside ours, never in place of them: the paper's
 * numbers come from 178x178 images (or full audio clips and ShapeNet scenes), several GPUs and thousands of epochs,
 * so a CPU run of a few hundred steps on 32x32 crops is expected to be far below them and need not show their
 * ordering.
 */
public final class PaperResults {

    /** The label every paper number carries when it is shown. */
    public static final String SCALE = "the paper's numbers: 178x178 images, multi-GPU, thousands of epochs";

    /** The image data sets of Tables 2 and 7. */
    public enum Dataset {
        CELEBA("CelebA"), FFHQ("FFHQ"), IMAGENETTE("ImageNette");

        private final String label;

        Dataset(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Parses a data set name, case ignored ("imagenette", "FFHQ", "celeba"). */
        public static Dataset named(String name) {
            String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            for (Dataset d : values()) {
                if (d.name().equals(n)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown paper data set '" + name + "'; allowed: "
                    + Arrays.stream(values()).map(d -> d.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }

        /**
         * The paper data set an experiment's {@code dataset.type} compares with: the same data set when it is one
         * of the paper's, otherwise ImageNette, the paper's set of varied natural photos (the closest match for the
         * offline photo crops; faces would compare with CelebA or FFHQ, chosen explicitly).
         */
        public static Dataset closestTo(String datasetType) {
            String n = datasetType == null ? "" : datasetType.toLowerCase(Locale.ROOT);
            for (Dataset d : values()) {
                if (n.contains(d.name().toLowerCase(Locale.ROOT))) {
                    return d;
                }
            }
            return IMAGENETTE;
        }
    }

    /** One reported number: which table, which model (the paper's row name), which data set column. */
    public record Reported(String table, String model, String dataset, double psnr) {}

    private static final List<Reported> TABLE_2 = List.of(
            new Reported("Table 2", "Learned Init", "CelebA", 30.37),
            new Reported("Table 2", "Learned Init", "ImageNette", 27.07),
            new Reported("Table 2", "TransINR", "CelebA", 33.33),
            new Reported("Table 2", "TransINR", "FFHQ", 33.66),
            new Reported("Table 2", "TransINR", "ImageNette", 29.77),
            new Reported("Table 2", "Ours", "CelebA", 35.93),
            new Reported("Table 2", "Ours", "FFHQ", 37.18),
            new Reported("Table 2", "Ours", "ImageNette", 38.46));

    private static final List<Reported> TABLE_1 = List.of(
            new Reported("Table 1", "TransINR", "LibriSpeech 1 s", 39.22),
            new Reported("Table 1", "TransINR", "LibriSpeech 3 s", 33.17),
            new Reported("Table 1", "Ours", "LibriSpeech 1 s", 40.11),
            new Reported("Table 1", "Ours", "LibriSpeech 3 s", 35.38));

    private static final List<Reported> TABLE_4 = List.of(
            new Reported("Table 4", "Learned Init", "Chairs", 18.85),
            new Reported("Table 4", "Learned Init", "Cars", 22.80),
            new Reported("Table 4", "Learned Init", "Lamps", 22.35),
            new Reported("Table 4", "TransINR", "Chairs", 19.05),
            new Reported("Table 4", "TransINR", "Cars", 24.18),
            new Reported("Table 4", "TransINR", "Lamps", 22.89),
            new Reported("Table 4", "Ours", "Chairs", 19.30),
            new Reported("Table 4", "Ours", "Cars", 24.18),
            new Reported("Table 4", "Ours", "Lamps", 23.41));

    /** The label of Table 4's numbers. */
    public static final String SCENE_SCALE = "the paper's numbers: ShapeNet (learnit split), 128x128 views, one "
            + "support view, multi-GPU, 1000 epochs";

    /** The label of Table 1's numbers. */
    public static final String AUDIO_SCALE = "the paper's numbers: LibriSpeech test-clean, multi-GPU, 1000 epochs";

    private static final double[] TABLE_7_IMAGENETTE = {31.00, 35.93, 32.99, 31.10, 20.26};
    private static final double[] TABLE_7_FFHQ = {36.04, 36.20, 34.2, 31.09, 22.92};

    private PaperResults() {}

    /**
     * The paper's row name for a model in the image reconstruction table: "Ours" is the low-rank composers with the
     * transformer hypernetwork. Table 2 has no row for the meta-learned composers, so that model has none.
     */
    public static Optional<String> imageRowName(ModelType model) {
        return switch (model) {
            case LOW_RANK_TRANSINR -> Optional.of("Ours");
            case TRANSINR -> Optional.of("TransINR");
            case LEARNED_INIT -> Optional.of("Learned Init");
            case META_LOW_RANK -> Optional.empty();
        };
    }

    /** Table 2 (image reconstruction at 178x178) for a model and data set; empty where the paper gives none. */
    public static OptionalDouble imageReconstruction(ModelType model, Dataset dataset) {
        Optional<String> row = imageRowName(model);
        return TABLE_2.stream().filter(r -> row.isPresent() && r.model().equals(row.get())
                        && r.dataset().equals(dataset.label()))
                .mapToDouble(Reported::psnr).findFirst();
    }

    /**
     * Table 1 (audio reconstruction on LibriSpeech test-clean) for a model and a clip length of 1 or 3 seconds;
     * empty where the paper gives none (Learned Init and the meta-learned composers have no audio row).
     */
    public static OptionalDouble audioReconstruction(ModelType model, int clipSeconds) {
        Optional<String> row = imageRowName(model);
        String column = "LibriSpeech " + clipSeconds + " s";
        return TABLE_1.stream().filter(r -> row.isPresent() && r.model().equals(row.get())
                        && r.dataset().equals(column))
                .mapToDouble(Reported::psnr).findFirst();
    }

    /**
     * Table 4 (novel view synthesis from one support view, ShapeNet) for a model and a category folder name
     * ({@code chairs}, {@code cars}, {@code lamps}); empty where the paper gives none.
     */
    public static OptionalDouble novelViews(ModelType model, String category) {
        Optional<String> row = imageRowName(model);
        String column = sceneColumn(category);
        return TABLE_4.stream().filter(r -> row.isPresent() && r.model().equals(row.get())
                        && r.dataset().equals(column))
                .mapToDouble(Reported::psnr).findFirst();
    }

    /** Table 4's column for a category folder name: chairs -> Chairs. */
    public static String sceneColumn(String category) {
        String c = category == null ? "" : category.trim().toLowerCase(Locale.ROOT);
        return c.isEmpty() ? "" : Character.toUpperCase(c.charAt(0)) + c.substring(1);
    }

    /** Every number of Table 4. */
    public static List<Reported> table4() {
        return TABLE_4;
    }

    /** Every number of Table 1. */
    public static List<Reported> table1() {
        return TABLE_1;
    }

    /** Every number of Table 2. */
    public static List<Reported> table2() {
        return TABLE_2;
    }

    /**
     * Table 7: PSNR with the modulated weight on layer 1..5 (the paper numbers layers from 1 = the first layer after
     * the Fourier features; 5 = the output layer). Index {@code i} of the result is the paper's layer {@code i + 1},
     * which is our 0-based {@code arch.modulated_layer_idxs} value {@code i}. The paper reports ImageNette and FFHQ.
     */
    public static double[] layerLocation(Dataset dataset) {
        return switch (dataset) {
            case IMAGENETTE -> TABLE_7_IMAGENETTE.clone();
            case FFHQ -> TABLE_7_FFHQ.clone();
            case CELEBA -> throw new IllegalArgumentException("Table 7 reports ImageNette and FFHQ only, not CelebA");
        };
    }

    /** Whether Table 7 has a row for {@code dataset}. */
    public static boolean hasLayerLocation(Dataset dataset) {
        return dataset != Dataset.CELEBA;
    }

    /** Table 2 as a table (model x data set), for showing the paper's numbers on their own. */
    public static Table table2AsTable() {
        Table t = Table.create("Table 2 (" + SCALE + "): image reconstruction PSNR (dB)",
                StringColumn.create("model"));
        for (Dataset d : Dataset.values()) {
            t.addColumns(DoubleColumn.create(d.label()));
        }
        for (String model : List.of("Learned Init", "TransINR", "Ours")) {
            t.stringColumn("model").append(model);
            for (Dataset d : Dataset.values()) {
                OptionalDouble v = TABLE_2.stream().filter(r -> r.model().equals(model)
                        && r.dataset().equals(d.label())).mapToDouble(Reported::psnr).findFirst();
                if (v.isPresent()) {
                    t.doubleColumn(d.label()).append(v.getAsDouble());
                } else {
                    t.doubleColumn(d.label()).appendMissing();
                }
            }
        }
        return t;
    }
}
