package dev.ginr.inr.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest of an offline photo set, {@code manifest.tsv}: one tab-separated row per crop saying where the
 * crop came from (source photo, package, licence, crop box) and which split it belongs to. A crop set whose
 * provenance is not written down is not a data set one may publish results on.
 */
public final class CropManifest {

    /** Column names, in file order. */
    public static final List<String> COLUMNS = List.of("size", "split", "file", "source_id", "source", "variants",
            "package", "licence", "copyright", "group", "phash", "crop_x", "crop_y", "crop_side", "source_width",
            "source_height");

    /**
     * One crop.
     *
     * @param file path of the PNG relative to the set's folder, e.g. {@code 32/train/00-plasma-workspace-wallpapers-Kite.png}
     * @param box  the square in source pixels the crop was averaged from
     */
    public record Row(int size, String split, String file, String sourceId, String source, int variants,
                      String packageName, String licence, String copyright, int group, String phash,
                      PhotoCropper.CropBox box, int sourceWidth, int sourceHeight) {

        String toTsv() {
            return String.join("\t", List.of(Integer.toString(size), split, file, sourceId, source,
                    Integer.toString(variants), packageName, licence, copyright, Integer.toString(group), phash,
                    Integer.toString(box.x()), Integer.toString(box.y()), Integer.toString(box.side()),
                    Integer.toString(sourceWidth), Integer.toString(sourceHeight)).stream()
                    .map(CropManifest::clean).toList());
        }

        static Row fromTsv(String line, int lineNumber) {
            String[] f = line.split("\t", -1);
            if (f.length != COLUMNS.size()) {
                throw new IllegalArgumentException("manifest line " + lineNumber + " has " + f.length
                        + " columns, expected " + COLUMNS.size() + " (" + String.join(", ", COLUMNS) + ")");
            }
            return new Row(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], Integer.parseInt(f[5]), f[6], f[7],
                    f[8], Integer.parseInt(f[9]), f[10], new PhotoCropper.CropBox(Integer.parseInt(f[11]),
                    Integer.parseInt(f[12]), Integer.parseInt(f[13])), Integer.parseInt(f[14]),
                    Integer.parseInt(f[15]));
        }
    }

    private CropManifest() {}

    /** Writes the header and rows atomically. */
    public static void write(Path file, List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", COLUMNS));
        rows.forEach(r -> lines.add(r.toTsv()));
        writeAtomically(file, lines);
    }

    /** Reads a manifest written by {@link #write}. */
    public static List<Row> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(String.join("\t", COLUMNS))) {
                throw new IllegalArgumentException("manifest " + file + " does not start with the header "
                        + String.join(" ", COLUMNS));
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                rows.add(Row.fromTsv(lines.get(i), i + 1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path file, List<String> lines) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".txt");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String clean(String value) {
        return value.replaceAll("[\t\r\n]", " ");
    }
}
