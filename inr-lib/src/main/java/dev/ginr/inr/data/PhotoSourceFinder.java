package dev.ginr.inr.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the source photographs under folders of wallpapers or photos. Wallpaper packages ship one picture at many
 * resolutions; these are folded into ONE source that uses the largest file, because crops of two resolutions of
 * the same picture are not independent samples. Two layouts are recognised:
 * <ul>
 *   <li>KDE packages, {@code <Name>/contents/images*&#47;<W>x<H>.<ext>} (the {@code screenshot} preview is
 *       ignored): one source per {@code <Name>};</li>
 *   <li>files named {@code <stem>_<W>x<H>.<ext>} next to {@code <stem>.<ext>}: one source per stem.</li>
 * </ul>
 * Every other image file is its own source. Only image headers are read here, so finding is fast.
 */
public final class PhotoSourceFinder {

    private static final Pattern KDE = Pattern.compile("(.+)/contents/images[^/]*/[^/]+");
    private static final Pattern RESOLUTION_SUFFIX = Pattern.compile("(.+?)[_-]\\d+x\\d+");

    /** What was found: the sources in id order, and the image files whose header could not be read. */
    public record Found(List<PhotoSource> sources, List<String> unreadable) {}

    private PhotoSourceFinder() {}

    /**
     * Sources under each root (searched recursively); ids start with the root's folder name.
     *
     * @throws IllegalArgumentException if a root does not exist or is not a folder
     */
    public static Found find(List<Path> roots, PhotoReader reader) {
        Map<String, List<PhotoReader.Candidate>> variants = new LinkedHashMap<>();
        for (Path root : roots) {
            Path abs = root.toAbsolutePath().normalize();
            String prefix = abs.getFileName() == null ? "root" : abs.getFileName().toString();
            for (Path file : ImageFolder.list(abs)) {
                String rel = abs.relativize(file).toString().replace('\\', '/');
                String key = sourceKey(rel);
                if (key != null) {
                    String id = prefix + "/" + key;
                    variants.computeIfAbsent(id, k -> new ArrayList<>()).add(new PhotoReader.Candidate(id, file, ""));
                }
            }
        }
        return reader.largestOfEach(variants);
    }

    /** The source a file belongs to, as a path relative to its root; {@code null} for previews to ignore. */
    static String sourceKey(String relativePath) {
        Matcher kde = KDE.matcher(relativePath);
        if (kde.matches()) {
            return kde.group(1);
        }
        int slash = relativePath.lastIndexOf('/');
        String name = relativePath.substring(slash + 1);
        if (relativePath.contains("/contents/") && name.toLowerCase(java.util.Locale.ROOT).startsWith("screenshot.")) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Matcher res = RESOLUTION_SUFFIX.matcher(stem);
        if (res.matches()) {
            stem = res.group(1);
        }
        return relativePath.substring(0, slash + 1) + stem;
    }
}
