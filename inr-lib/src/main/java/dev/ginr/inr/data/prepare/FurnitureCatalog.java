package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Sweet Home 3D furniture library ({@code .sh3f}, a zip) as Debian's {@code sweethome3d-furniture} installs it
 * under {@code /usr/share/sweethome3d/furniture}: its {@code PluginFurnitureCatalog.properties} lists every model
 * with its name, author ({@code creator#N}), real-world size in cm ({@code width#N} along x, {@code height#N} along
 * y, {@code depth#N} along z, y up) and an optional {@code modelRotation#N} (a 3 x 3 matrix, rows first, applied to
 * the OBJ's coordinates before it is scaled to that size). Each model is a folder holding an OBJ, its MTL and
 * textures.
 *
 * @param file    the .sh3f file
 * @param name    the library's name, its file name without .sh3f (BlendSwap-CC-0, KatorLegaz, Scopia, ...)
 * @param licence the library's licence from the package's DEP-5 copyright file ("Files: NAME/*")
 * @param entries the models, by their model path (e.g. {@code /scopia/chair/chair.obj})
 */
public record FurnitureCatalog(Path file, String name, String licence, Map<String, Entry> entries) {

    /** Where Debian's sweethome3d-furniture installs its libraries. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/sweethome3d/furniture");
    /** The package's copyright file, whose stanzas name each library's licence. */
    public static final Path DEBIAN_COPYRIGHT = Path.of("/usr/share/doc/sweethome3d-furniture/copyright");

    /**
     * One model of the library.
     *
     * @param model    path of its OBJ inside the zip, with a leading slash
     * @param name     display name ("Oak chair")
     * @param category the library's room category ("Living room", "Lights", "Vehicles", ...)
     * @param creator  the author
     * @param size     width, height, depth in cm (x, y, z with y up)
     * @param rotation the 3 x 3 model rotation, rows first, or null
     */
    public record Entry(String model, String name, String category, String creator, double[] size,
                        double[] rotation) {}

    /**
     * Reads the catalog of {@code sh3f}; its licence comes from {@code copyright} (DEP-5).
     *
     * @throws IOException when the file is not a furniture library
     */
    public static FurnitureCatalog read(Path sh3f, Path copyright) throws IOException {
        String name = sh3f.getFileName().toString().replaceFirst("\\.sh3f$", "");
        Properties p = new Properties();
        try (ZipFile zip = new ZipFile(sh3f.toFile())) {
            ZipEntry e = zip.getEntry("PluginFurnitureCatalog.properties");
            if (e == null) {
                throw new IOException(sh3f + " is not a Sweet Home 3D furniture library (no "
                        + "PluginFurnitureCatalog.properties)");
            }
            try (InputStream in = zip.getInputStream(e)) {
                p.load(in); // ISO-8859-1 with escapes, the properties format
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 1; p.getProperty("model#" + i) != null; i++) {
            String model = p.getProperty("model#" + i);
            double[] size = {num(p, "width#" + i), num(p, "height#" + i), num(p, "depth#" + i)};
            String rot = p.getProperty("modelRotation#" + i);
            entries.put(model, new Entry(model, p.getProperty("name#" + i), p.getProperty("category#" + i),
                    p.getProperty("creator#" + i, "unknown"), size, rot == null ? null : numbers(rot)));
        }
        return new FurnitureCatalog(sh3f, name, licenceOf(copyright, name), entries);
    }

    /** The entry of {@code model}; fails naming the library when it has no such model. */
    public Entry entry(String model) {
        Entry e = entries.get(model);
        if (e == null) {
            throw new IllegalArgumentException(file + " has no model " + model);
        }
        return e;
    }

    /**
     * Extracts the folder of {@code model} (its OBJ, MTL and textures) into {@code target}; returns the OBJ there.
     * Entries are written only inside {@code target}.
     */
    public Path extract(String model, Path target) throws IOException {
        String folder = model.substring(1, model.lastIndexOf('/') + 1); // "scopia/chair/"
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> parts = zip.stream()
                    .filter(z -> !z.isDirectory() && z.getName().startsWith(folder)).toList();
            for (ZipEntry z : parts) {
                Path out = root.resolve(z.getName().substring(folder.length())).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException(file + " entry " + z.getName() + " would land outside " + root);
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(z)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path obj = root.resolve(model.substring(model.lastIndexOf('/') + 1));
        if (!Files.isRegularFile(obj)) {
            throw new IOException(file + " has no file " + model);
        }
        dropDegenerateFaces(obj);
        return obj;
    }

    /**
     * Removes "faces" of fewer than 3 vertices (edges, which render as nothing) from an OBJ: Blender 3.4's OBJ
     * importer crashes on some of them (KatorLegaz's cafe-chair). Returns how many lines were dropped.
     */
    static int dropDegenerateFaces(Path obj) throws IOException {
        List<String> lines = Files.readAllLines(obj, StandardCharsets.ISO_8859_1); // byte-preserving
        List<String> kept = new ArrayList<>(lines.size());
        for (String line : lines) {
            String t = line.trim();
            if (!(t.startsWith("f ") && t.substring(2).trim().split("\\s+").length < 3)) {
                kept.add(line);
            }
        }
        if (kept.size() != lines.size()) {
            Files.write(obj, kept, StandardCharsets.ISO_8859_1);
        }
        return lines.size() - kept.size();
    }

    /** The "License:" of the DEP-5 stanza "Files: NAME/*", or a pointer to the copyright file. */
    static String licenceOf(Path copyright, String library) throws IOException {
        if (!Files.isRegularFile(copyright)) {
            return "see " + copyright;
        }
        boolean inStanza = false;
        for (String line : Files.readAllLines(copyright, StandardCharsets.UTF_8)) {
            if (line.startsWith("Files:")) {
                inStanza = List.of(line.substring(6).trim().split("\\s+")).contains(library + "/*");
            } else if (inStanza && line.startsWith("License:")) {
                return line.substring(8).trim();
            } else if (line.isBlank()) {
                inStanza = false;
            }
        }
        return "see " + copyright;
    }

    private static double num(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("furniture catalog entry lacks " + key);
        }
        return Double.parseDouble(v.trim());
    }

    private static double[] numbers(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 9) {
            throw new IllegalArgumentException("a model rotation has 9 numbers, got '" + text + "'");
        }
        double[] out = new double[9];
        for (int k = 0; k < 9; k++) {
            out[k] = Double.parseDouble(parts[k]);
        }
        return out;
    }

    /** A folder-safe object id: library and model folder, lower case ("scopia-chair"). */
    public String objectId(String model) {
        String folder = model.substring(1, model.lastIndexOf('/'));
        folder = folder.substring(folder.indexOf('/') + 1);
        return (name + "-" + folder).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** All libraries in {@code folder}, by name. */
    public static Map<String, FurnitureCatalog> readAll(Path folder, Path copyright) throws IOException {
        Map<String, FurnitureCatalog> out = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(folder)) {
            s.filter(f -> f.getFileName().toString().endsWith(".sh3f")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            FurnitureCatalog c = read(f, copyright);
            out.put(c.name(), c);
        }
        return out;
    }
}
