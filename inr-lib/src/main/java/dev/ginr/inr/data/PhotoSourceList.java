package dev.ginr.inr.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The explicit list of photo sources an offline photo set is cut from: one line per source, {@code package<TAB>path},
 * where the path is a glob over installed files, or {@code CONTAINER!MEMBER_GLOB} for photos inside a Qt resource
 * file ({@link QtResourceFile}). Only files that the named Debian package installed are taken, so another package's
 * wallpaper under the same folder never slips in. The shipped list ({@link #shipped()}) names photographs only; each
 * of its sources was looked at before it was listed.
 *
 * @param lines the sources, in file order
 */
public record PhotoSourceList(List<Line> lines) {

    /** The resource holding the shipped list. */
    public static final String SHIPPED = "offline-photo-sources.tsv";

    /**
     * One source line.
     *
     * @param packageName the Debian package that installs the photos
     * @param path        glob over installed paths, or {@code CONTAINER!MEMBER_GLOB}
     * @param lineNumber  1-based line in the list, for messages
     */
    public record Line(String packageName, String path, int lineNumber) {

        /** The container file of a {@code CONTAINER!MEMBER_GLOB} line, else {@code null}. */
        Path container() {
            int bang = path.indexOf('!');
            return bang < 0 ? null : Path.of(path.substring(0, bang));
        }

        /** The glob: over installed paths, or over member paths inside {@link #container()}. */
        String glob() {
            int bang = path.indexOf('!');
            return bang < 0 ? path : path.substring(bang + 1);
        }
    }

    public PhotoSourceList {
        lines = List.copyOf(lines);
    }

    /** The list shipped with inr-lib. */
    public static PhotoSourceList shipped() {
        try (InputStream in = PhotoSourceList.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("the photo source list " + SHIPPED + " is missing from inr-lib");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED + ": " + e.getMessage(), e);
        }
    }

    /** Reads a list file in the shipped format. */
    public static PhotoSourceList read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("photo source list " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static PhotoSourceList parse(String text, String name) {
        List<Line> lines = new ArrayList<>();
        String[] rows = text.split("\r?\n");
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\t");
            if (f.length != 2 || f[0].isBlank() || !f[1].startsWith("/")) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + " is '" + row
                        + "': expected 'package<TAB>/absolute/path/glob' or 'package<TAB>/file.rcc!/member/glob'");
            }
            lines.add(new Line(f[0].strip(), f[1].strip(), i + 1));
        }
        return new PhotoSourceList(lines);
    }

    /** The packages named in the list, in order of first mention. */
    public List<String> packages() {
        return lines.stream().map(Line::packageName).distinct().toList();
    }

    /**
     * Finds the photos of every line.
     *
     * @param owners which package installed a file (e.g. {@link DebianPackageLicences})
     * @return the sources (resolutions folded as in {@link PhotoSourceFinder}) and, per line that matched no file
     *         of its package, a message naming the line and package
     */
    public Resolved resolve(PackageOwners owners, PhotoReader reader) {
        Map<String, List<PhotoReader.Candidate>> byId = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Line line : lines) {
            List<PhotoReader.Candidate> found = line.container() == null ? files(line, owners)
                    : members(line, owners, reader);
            if (found.isEmpty()) {
                missing.add("line " + line.lineNumber() + ": no photo of package " + line.packageName()
                        + " matches " + line.path());
            }
            for (PhotoReader.Candidate c : found) {
                byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
            }
        }
        PhotoSourceFinder.Found found = reader.largestOfEach(byId);
        return new Resolved(found, List.copyOf(missing));
    }

    /** What {@link #resolve} found. */
    public record Resolved(PhotoSourceFinder.Found found, List<String> missing) {}

    /** Which package installed a file. */
    @FunctionalInterface
    public interface PackageOwners {
        /** The owning package of {@code file}, or {@code null} if no package installed it. */
        String ownerOf(Path file);
    }

    private static List<PhotoReader.Candidate> files(Line line, PackageOwners owners) {
        String glob = line.glob();
        Path base = Path.of(fixedPrefix(glob));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<PhotoReader.Candidate> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path f : s.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList()) {
                if (line.packageName().equals(owners.ownerOf(f))) {
                    String key = PhotoSourceFinder.sourceKey(base.relativize(f).toString().replace('\\', '/'));
                    if (key != null) {
                        out.add(new PhotoReader.Candidate(line.packageName() + "/" + key, f, ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static List<PhotoReader.Candidate> members(Line line, PackageOwners owners, PhotoReader reader) {
        Path container = line.container();
        if (!Files.isRegularFile(container) || !line.packageName().equals(owners.ownerOf(container))) {
            return List.of();
        }
        String glob = line.glob();
        String base = fixedPrefix(glob);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        String stem = container.getFileName().toString().replaceFirst("\\.rcc$", "");
        List<PhotoReader.Candidate> out = new ArrayList<>();
        for (QtResourceFile.Entry e : reader.container(container).entries()) {
            if (matcher.matches(Path.of(e.path()))) {
                String rel = e.path().substring(base.length()).replaceFirst("\\.[^./]+$", "");
                out.add(new PhotoReader.Candidate(line.packageName() + "/" + stem + "/" + rel, container, e.path()));
            }
        }
        out.sort(java.util.Comparator.comparing(PhotoReader.Candidate::member));
        return out;
    }

    /** The folder part of a glob before its first wildcard, ending in '/'. */
    static String fixedPrefix(String glob) {
        int wild = glob.length();
        for (char c : new char[] {'*', '?', '{', '['}) {
            int i = glob.indexOf(c);
            if (i >= 0) {
                wild = Math.min(wild, i);
            }
        }
        return glob.substring(0, glob.lastIndexOf('/', wild) + 1);
    }
}
