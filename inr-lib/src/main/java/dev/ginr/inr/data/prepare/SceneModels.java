package dev.ginr.inr.data.prepare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The explicit list of 3-D models the offline multi-view set renders (the resource
 * {@code offline-scene-models.tsv}: category, library, model), resolved against the installed furniture
 * libraries. An explicit list, not "every chair": each line was chosen by hand as a whole object of its category.
 */
public final class SceneModels {

    /** The list shipped with the library. */
    public static final String RESOURCE = "/dev/ginr/inr/data/prepare/offline-scene-models.tsv";

    /**
     * One model to render.
     *
     * @param category the set's category folder (chairs, lamps, cars)
     * @param id       the object's folder name, unique in the set ("scopia-chair")
     * @param catalog  the library that holds it
     * @param entry    its catalog entry (name, author, size, rotation)
     */
    public record Model(String category, String id, FurnitureCatalog catalog, FurnitureCatalog.Entry entry) {}

    private SceneModels() {}

    /** The shipped list, resolved against {@code catalogs} (by library name). */
    public static List<Model> shipped(Map<String, FurnitureCatalog> catalogs) throws IOException {
        try (InputStream in = SceneModels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            return read(in, RESOURCE, catalogs);
        }
    }

    /**
     * Reads a list: '#' comments, one header line, then tab-separated category, library, model.
     *
     * @throws IllegalArgumentException naming the line when a library or model is not installed, or a line is
     *                                  malformed or repeats an object
     */
    public static List<Model> read(InputStream in, String source, Map<String, FurnitureCatalog> catalogs)
            throws IOException {
        List<Model> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean header = true;
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String where = source + " line " + lineNo;
            String[] f = line.split("\t");
            if (f.length != 3) {
                throw new IllegalArgumentException(where + ": expected category, library, model separated by tabs");
            }
            FurnitureCatalog c = catalogs.get(f[1]);
            if (c == null) {
                throw new IllegalArgumentException(where + ": library " + f[1] + " is not installed; installed: "
                        + catalogs.keySet() + " (package sweethome3d-furniture)");
            }
            if (!c.entries().containsKey(f[2])) {
                throw new IllegalArgumentException(where + ": library " + f[1] + " has no model " + f[2]);
            }
            String id = c.objectId(f[2]);
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + ": object " + id + " is listed twice");
            }
            out.add(new Model(f[0], id, c, c.entry(f[2])));
        }
        return out;
    }
}
