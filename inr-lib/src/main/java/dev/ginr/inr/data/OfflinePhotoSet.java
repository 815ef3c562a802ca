package dev.ginr.inr.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Builds a small REAL image data set offline: deterministic S x S crops of the photographs named by an explicit
 * {@link PhotoSourceList} (Debian packages: GCompris's photo activities, wallpaper contest photos, nature photos;
 * or of any folder given instead), split into train and test BY NEAR-DUPLICATE GROUP of source photos. No crop is
 * flat ({@link PhotoCropper}); a photo that cannot give all its crops is reported. Layout:
 * {@code OUT/<size>/{train,test}/*.png}, {@code OUT/manifest.tsv} (see {@link CropManifest}) and
 * {@code OUT/build-settings.txt}, whose line names the settings and a fingerprint of the source files; a rebuild
 * with the same line and all crops present does nothing. The same sources and settings give byte-identical files.
 */
public final class OfflinePhotoSet {

    static final String SETTINGS_FILE = "build-settings.txt";
    static final String MANIFEST_FILE = "manifest.tsv";

    /**
     * What to build.
     *
     * @param out            output folder
     * @param sizes          crop sizes S, each at least 8
     * @param sources        folders of photos; empty means the photos of {@code list}
     * @param seed           drives crop positions and the split
     * @param cropsPerSource crops per photo and size
     * @param testFraction   share of near-duplicate groups held out for test, in [0, 1]
     * @param list           the explicit photo sources used when {@code sources} is empty
     */
    public record Settings(Path out, List<Integer> sizes, List<Path> sources, long seed, int cropsPerSource,
                           double testFraction, PhotoSourceList list) {

        /** Settings that cut the given folders (no source list). */
        public Settings(Path out, List<Integer> sizes, List<Path> sources, long seed, int cropsPerSource,
                        double testFraction) {
            this(out, sizes, sources, seed, cropsPerSource, testFraction, new PhotoSourceList(List.of()));
        }

        public Settings {
            sizes = List.copyOf(sizes);
            sources = List.copyOf(sources);
            if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 8 || s > 1024)) {
                throw new IllegalArgumentException("crop sizes must be between 8 and 1024, got " + sizes);
            }
            if (sizes.stream().distinct().count() != sizes.size()) {
                throw new IllegalArgumentException("crop sizes must be distinct, got " + sizes);
            }
            if (cropsPerSource < 1) {
                throw new IllegalArgumentException("crops per source must be at least 1, got " + cropsPerSource);
            }
            if (!(testFraction >= 0 && testFraction <= 1)) {
                throw new IllegalArgumentException("test fraction must lie in [0, 1], got " + testFraction);
            }
        }

        /** Defaults: {@code <repo>/data/offline-photos}, sizes 32 and 64, the shipped list, seed 0, 32 crops, 20 %. */
        public static Settings defaults() {
            return new Settings(defaultOut(), List.of(32, 64), List.of(), 0, 32, 0.2, PhotoSourceList.shipped());
        }
    }

    /**
     * What a build produced.
     *
     * @param sources     source photos used
     * @param unreadable  image files skipped because they could not be read
     * @param groups      near-duplicate groups among the sources
     * @param testSources sources held out for test
     * @param crops       per size, the number of crops in {@code [train, test]}
     * @param seconds     wall time of the build
     * @param upToDate    true if the output already matched and nothing was written
     * @param shortSources sources that gave fewer crops than asked (too flat, or too small for a size), with counts
     */
    public record Report(int sources, int unreadable, int groups, int testSources, Map<Integer, int[]> crops,
                         double seconds, boolean upToDate, List<String> shortSources) {

        public Report {
            shortSources = List.copyOf(shortSources);
        }

        /** E.g. "48 sources in 45 groups (9 held out), skipped 1 unreadable file; 32px: 273 train / 63 test". */
        public String summary() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s%d sources in %d groups (%d held out)",
                    upToDate ? "up to date: " : "", sources, groups, testSources));
            if (unreadable > 0) {
                s.append(", skipped ").append(unreadable).append(" unreadable file").append(unreadable == 1 ? "" : "s");
            }
            crops.forEach((size, n) -> s.append(String.format(Locale.ROOT, "; %dpx: %d train / %d test",
                    size, n[0], n[1])));
            s.append(String.format(Locale.ROOT, " (%.1f s)", seconds));
            if (!shortSources.isEmpty()) {
                s.append("\n").append(shortSources.size()).append(" photo").append(shortSources.size() == 1 ? "" : "s")
                        .append(" gave fewer crops (every other draw was flat or the photo is too small): ")
                        .append(String.join(", ", shortSources));
            }
            return s.toString();
        }
    }

    /** One crop, already PNG-encoded (encoding runs in parallel with decoding). */
    private record EncodedCrop(PhotoCropper.CropBox box, byte[] png) {}

    private record Decoded(PhotoSource source, PerceptualHash hash, Map<Integer, List<EncodedCrop>> crops) {}

    private OfflinePhotoSet() {}

    /** Builds (or confirms up to date) the set described by {@code settings}. */
    public static Report build(Settings settings) {
        long start = System.nanoTime();
        PhotoReader reader = new PhotoReader();
        PhotoSelection selection = PhotoSelection.of(settings, reader);
        PhotoSourceFinder.Found found = selection.found();
        String settingsLine = settingsLine(settings, selection);
        Path out = settings.out();
        Report existing = existingIfUpToDate(out, settingsLine, found, start);
        if (existing != null) {
            return existing;
        }
        List<String> unreadable = new ArrayList<>(found.unreadable());
        List<Decoded> decoded = decodeAll(found.sources(), settings, reader, unreadable);
        int[] group = NearDuplicateGroups.of(decoded.stream().map(Decoded::hash).toList());
        List<Integer> groupIds = new ArrayList<>();
        for (int g = 0; g < NearDuplicateGroups.count(group); g++) {
            groupIds.add(g);
        }
        TrainTestSplit<Integer> split = TrainTestSplit.byRatio(groupIds, settings.testFraction(), settings.seed());
        DebianPackageLicences licences = DebianPackageLicences.forFiles(
                decoded.stream().map(d -> d.source().file()).distinct().toList());
        clearCrops(out, settings.sizes());
        List<CropManifest.Row> rows = new ArrayList<>();
        Map<Integer, int[]> counts = new TreeMap<>();
        settings.sizes().forEach(s -> counts.put(s, new int[2]));
        int testSources = 0;
        List<String> shortSources = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            Decoded d = decoded.get(i);
            boolean test = split.test().contains(group[i]);
            testSources += test ? 1 : 0;
            rows.addAll(writeCrops(out, d, group[i], test ? "test" : "train",
                    licences.origin(d.source().file(), d.source().member()), counts));
            int made = d.crops().values().stream().mapToInt(List::size).sum();
            if (made < settings.cropsPerSource() * settings.sizes().size()) {
                shortSources.add(d.source().id() + " (" + made + " of "
                        + settings.cropsPerSource() * settings.sizes().size() + ")");
            }
        }
        CropManifest.write(out.resolve(MANIFEST_FILE), rows);
        CropManifest.writeAtomically(out.resolve(SETTINGS_FILE), List.of(settingsLine));
        return new Report(decoded.size(), unreadable.size(), groupIds.size(), testSources, counts,
                (System.nanoTime() - start) / 1e9, false, shortSources);
    }

    private static List<Decoded> decodeAll(List<PhotoSource> sources, Settings settings, PhotoReader reader,
                                           List<String> unreadable) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Decoded>> futures = new ArrayList<>();
            for (PhotoSource s : sources) {
                futures.add(pool.submit(() -> decode(s, settings, reader)));
            }
            List<Decoded> decoded = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                Decoded d = futures.get(i).get();
                if (d == null) {
                    unreadable.add(sources.get(i).location());
                } else {
                    decoded.add(d);
                }
            }
            return decoded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading photos", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot crop photos: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Decodes one photo, hashes it and cuts and encodes its crops; {@code null} if it cannot be decoded. */
    private static Decoded decode(PhotoSource source, Settings settings, PhotoReader reader) {
        BufferedImage img = reader.read(source);
        if (img == null || img.getWidth() < 9 || img.getHeight() < 8) {
            return null;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = PhotoCropper.rgbPixels(img);
        Map<Integer, List<EncodedCrop>> crops = new TreeMap<>();
        for (int size : settings.sizes()) {
            List<EncodedCrop> encoded = new ArrayList<>();
            for (PhotoCropper.Crop c : PhotoCropper.crops(rgb, w, h, size, settings.cropsPerSource(),
                    cropSeed(settings.seed(), source.id(), size))) {
                int[] pixels = ((DataBufferInt) c.image().getRaster().getDataBuffer()).getData();
                encoded.add(new EncodedCrop(c.box(), PngEncoder.encode(pixels, size, size)));
            }
            crops.put(size, encoded);
        }
        return new Decoded(source, PerceptualHash.of(rgb, w, h), crops);
    }

    private static List<CropManifest.Row> writeCrops(Path out, Decoded d, int group, String split,
                                                     DebianPackageLicences.Origin origin, Map<Integer, int[]> counts) {
        List<CropManifest.Row> rows = new ArrayList<>();
        PhotoSource s = d.source();
        d.crops().forEach((size, crops) -> {
            for (int i = 0; i < crops.size(); i++) {
                // crop index first: a folder's first files in sorted order come from different photos
                String file = String.format(Locale.ROOT, "%d/%s/%02d-%s.png", size, split, i, s.fileStem());
                Images.writeAtomically(crops.get(i).png(), out.resolve(file));
                rows.add(new CropManifest.Row(size, split, file, s.id(), s.location(), s.variants(),
                        origin.packageName(), origin.licence(), origin.copyrightFile(), group,
                        d.hash().hex(), crops.get(i).box(), s.width(), s.height()));
                counts.get(size)[split.equals("test") ? 1 : 0]++;
            }
        });
        return rows;
    }

    /** A seed per photo and size that does not change when other photos are added (SplitMix64 finaliser). */
    static long cropSeed(long seed, String sourceId, int size) {
        long z = seed * 0x9E3779B97F4A7C15L + PhotoSelection.fnv64(sourceId) * 31 + size;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The settings and a fingerprint of the chosen source files (path, length, modification time). */
    static String settingsLine(Settings s, PhotoSelection selection) {
        return String.format(Locale.ROOT, "offline-photos v3 sizes=%s seed=%d crops=%d test=%s sources=%s files=%016x",
                s.sizes().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""), s.seed(),
                s.cropsPerSource(), s.testFraction(), selection.description(), selection.fingerprint());
    }

    private static Report existingIfUpToDate(Path out, String settingsLine, PhotoSourceFinder.Found found,
                                             long start) {
        Path settingsFile = out.resolve(SETTINGS_FILE);
        Path manifest = out.resolve(MANIFEST_FILE);
        try {
            if (!Files.isRegularFile(settingsFile) || !Files.isRegularFile(manifest)
                    || !Files.readString(settingsFile, StandardCharsets.UTF_8).strip().equals(settingsLine)) {
                return null;
            }
            List<CropManifest.Row> rows = CropManifest.read(manifest);
            if (rows.stream().anyMatch(r -> !Files.isRegularFile(out.resolve(r.file())))) {
                return null;
            }
            Map<Integer, int[]> counts = new TreeMap<>();
            rows.forEach(r -> counts.computeIfAbsent(r.size(), k -> new int[2])[r.split().equals("test") ? 1 : 0]++);
            long sources = rows.stream().map(CropManifest.Row::sourceId).distinct().count();
            long groups = rows.stream().map(CropManifest.Row::group).distinct().count();
            long test = rows.stream().filter(r -> r.split().equals("test")).map(CropManifest.Row::sourceId)
                    .distinct().count();
            return new Report((int) sources, found.unreadable().size(), (int) groups, (int) test, counts,
                    (System.nanoTime() - start) / 1e9, true, List.of());
        } catch (IOException | RuntimeException e) {
            return null; // anything odd about the old output: rebuild it
        }
    }

    /** Removes PNGs left by an earlier build, so a changed source list leaves no stale crops behind. */
    private static void clearCrops(Path out, List<Integer> sizes) {
        for (int size : sizes) {
            for (String split : List.of("train", "test")) {
                Path dir = out.resolve(size + "/" + split);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                        Files.delete(f);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clear old crops in " + dir + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** {@code <repo>/data/offline-photos}, the repo being the nearest folder above the working directory with an
     * {@code inr-lib} module; the working directory if there is none. */
    static Path defaultOut() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("inr-lib")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d.resolve("data/offline-photos");
            }
        }
        return dir.resolve("data/offline-photos");
    }
}
