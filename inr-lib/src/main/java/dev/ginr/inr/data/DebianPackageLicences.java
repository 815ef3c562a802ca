package dev.ginr.inr.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Debian package installed a file and under which licence, read from the package database
 * ({@code /var/lib/dpkg/info/*.list}) and the package's machine-readable {@code /usr/share/doc/<pkg>/copyright}
 * (DEP-5: the last {@code Files:} stanza whose pattern matches the end of the installed path wins). Files no
 * package owns get {@link #NO_PACKAGE}; an unparseable copyright file gives "see &lt;path&gt;".
 */
public final class DebianPackageLicences implements PhotoSourceList.PackageOwners {

    /** Package name recorded for files that no Debian package installed. */
    public static final String NO_PACKAGE = "-";

    /** Names a package may have converted to WebP at build time. */
    private static final Pattern CONVERTED = Pattern.compile("(?i).*\\.(jpe?g|png|svg)");

    /** Package, licence and copyright file of one installed file. */
    public record Origin(String packageName, String licence, String copyrightFile) {}

    private final Path dpkgInfo;
    private final Path docRoot;
    private final Map<Path, String> owners = new HashMap<>();

    /** Reads ownership of {@code files} from the system's package database. */
    public static DebianPackageLicences forFiles(Collection<Path> files) {
        Set<String> wanted = new HashSet<>();
        files.forEach(f -> wanted.add(f.toAbsolutePath().normalize().toString()));
        return new DebianPackageLicences(Path.of("/var/lib/dpkg/info"), Path.of("/usr/share/doc"), wanted::contains);
    }

    /** Reads ownership of every installed file whose path starts with one of {@code prefixes}. */
    public static DebianPackageLicences forPathsUnder(Collection<String> prefixes) {
        List<String> p = List.copyOf(prefixes);
        return new DebianPackageLicences(Path.of("/var/lib/dpkg/info"), Path.of("/usr/share/doc"),
                line -> p.stream().anyMatch(line::startsWith));
    }

    DebianPackageLicences(Path dpkgInfo, Path docRoot, Predicate<String> wanted) {
        this.dpkgInfo = dpkgInfo;
        this.docRoot = docRoot;
        if (Files.isDirectory(dpkgInfo)) {
            readOwners(wanted);
        }
    }

    private void readOwners(Predicate<String> wanted) {
        try (Stream<Path> lists = Files.list(dpkgInfo)) {
            for (Path list : lists.filter(p -> p.toString().endsWith(".list")).sorted().toList()) {
                String pkg = list.getFileName().toString().replaceFirst("\\.list$", "").replaceFirst(":.*$", "");
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    if (wanted.test(line)) {
                        owners.putIfAbsent(Path.of(line), pkg);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            owners.clear(); // no package database: every file reads as unowned
        }
    }

    @Override
    public String ownerOf(Path file) {
        return owners.get(file.toAbsolutePath().normalize());
    }

    /** The origin of {@code file}: its package and licence, or {@link #NO_PACKAGE} and "unknown". */
    public Origin origin(Path file) {
        return origin(file, "");
    }

    /**
     * The origin of {@code member} inside the container {@code file} (or of {@code file} when {@code member} is
     * empty): the container's package, and the licence of the DEP-5 stanza matching the member's path.
     */
    public Origin origin(Path file, String member) {
        Path abs = file.toAbsolutePath().normalize();
        String pkg = owners.get(abs);
        if (pkg == null) {
            return new Origin(NO_PACKAGE, "unknown (not installed by a Debian package)", "-");
        }
        Path copyright = docRoot.resolve(pkg).resolve("copyright");
        String licence = licenceIn(copyright, member.isEmpty() ? abs.toString() : member);
        return new Origin(pkg, licence == null ? "see " + copyright : licence, copyright.toString());
    }

    /**
     * The short licence name of the last DEP-5 stanza matching {@code installedPath}, or {@code null}. When no
     * pattern matches the path's tail, a pattern without wildcards that names the same file (its last component) is
     * taken: packages such as lomiri-wallpapers-16.04 install {@code 16.04/x.jpg} of their source as {@code x.jpg}.
     */
    static String licenceIn(Path copyright, String installedPath) {
        List<String> lines;
        try {
            lines = Files.readAllLines(copyright, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String byPath = lastMatching(lines, p -> matches(p, installedPath));
        if (byPath != null) {
            return byPath;
        }
        String name = installedPath.substring(installedPath.lastIndexOf('/') + 1);
        return lastMatching(lines, p -> !p.contains("*") && !p.contains("?") && !p.startsWith("debian/")
                && p.substring(p.lastIndexOf('/') + 1).equals(name));
    }

    private static String lastMatching(List<String> lines, Predicate<String> matches) {
        String match = null;
        List<String> patterns = new ArrayList<>();
        boolean inFiles = false;
        for (String line : lines) {
            if (line.isBlank()) {
                patterns.clear();
                inFiles = false;
            } else if (line.startsWith("Files:")) {
                patterns.addAll(List.of(line.substring(6).trim().split("\\s+")));
                inFiles = true;
            } else if (inFiles && Character.isWhitespace(line.charAt(0))) {
                patterns.addAll(List.of(line.trim().split("\\s+")));
            } else if (line.startsWith("License:") && !patterns.isEmpty()) {
                inFiles = false;
                if (patterns.stream().anyMatch(matches)) {
                    match = line.substring(8).trim();
                }
            } else {
                inFiles = false;
            }
        }
        return match == null || match.isEmpty() ? null : match;
    }

    /**
     * A DEP-5 pattern is relative to the upstream source tree, so it is matched against the installed path's tail.
     * Packages that convert images at build time (GCompris ships its .jpg/.png photos as .webp) install a name the
     * copyright file does not know: a .webp path also matches a pattern naming the same stem with an image extension.
     */
    static boolean matches(String pattern, String installedPath) {
        if (pattern.startsWith("debian/")) {
            return false;
        }
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        Pattern p = Pattern.compile("(^|.*/)" + regex);
        if (p.matcher(installedPath).matches()) {
            return true;
        }
        return installedPath.endsWith(".webp") && CONVERTED.matcher(pattern).matches()
                && p.matcher(installedPath.replaceFirst("\\.webp$", pattern.substring(pattern.lastIndexOf('.'))))
                .matches();
    }

}
