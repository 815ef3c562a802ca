package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fetches a {@link Dataset} into {@code ROOT/<name>/}: checks the disk space first, downloads every file
 * resumably into {@code ROOT/downloads/<name>/} and verifies it ({@link Downloader}), unpacks the archives safely
 * ({@link SafeExtractor}) and runs the dataset's {@link DatasetPreparation} in a staging folder
 * {@code ROOT/.<name>.staging-*}, which becomes {@code ROOT/<name>/} in one rename. On any failure the staging
 * folder is deleted: either the prepared folder exists complete (with {@code PREPARED.txt}) or not at all. The
 * downloads stay, so a later run resumes instead of starting over.
 */
public final class DatasetFetcher {

    /** Marker written last into a prepared folder: what was prepared, from which files and checksums. */
    public static final String PREPARED = "PREPARED.txt";

    /**
     * How to fetch.
     *
     * @param root           the data folder
     * @param mirror         base URL serving the same file names instead of the publishers, or {@code null}
     * @param from           a folder holding already downloaded files (by hand, or copied), or {@code null}
     * @param acceptUnpinned use files for which no checksum is published
     */
    public record Options(Path root, String mirror, Path from, boolean acceptUnpinned) {}

    private final Downloader downloader;
    private final DiskSpace disk;

    public DatasetFetcher(Downloader downloader, DiskSpace disk) {
        this.downloader = downloader;
        this.disk = disk;
    }

    /** What {@link #fetch} would do: files, sources, checksums, layout and the disk space needed. Touches nothing. */
    public String dryRun(Dataset d, Options o) throws IOException {
        Path downloads = downloads(d, o);
        StringBuilder s = new StringBuilder(d.name()).append(": ").append(d.title()).append('\n');
        s.append("  terms: ").append(d.terms()).append('\n');
        for (RemoteFile f : files(d, o)) {
            s.append("  ").append(f.name()).append("  ")
                    .append(f.bytes() < 0 ? "size not published" : (f.exactSize() ? "" : "about ") + Sizes.human(f.bytes()))
                    .append(Files.isRegularFile(downloads.resolve(f.name())) ? " (already downloaded)" : "")
                    .append("\n      from ").append(f.url() != null ? f.url() : "by hand: " + f.manualFrom())
                    .append("\n      check ").append(f.checksum().describe()).append('\n');
        }
        if (d.index() != null) {
            s.append("  + the files listed in ").append(d.index().listedIn()).append(", about ")
                    .append(Sizes.human(d.index().approxBytes())).append(", each with its size and MD5 from that list\n");
        }
        s.append("  prepared: ").append(o.root().resolve(d.name())).append("/ ").append(d.preparation().layout())
                .append('\n');
        long need = needed(d, o);
        s.append("  disk: about ").append(Sizes.human(need)).append(" needed under ").append(o.root())
                .append(" (downloads, unpacked and prepared files), ").append(Sizes.human(disk.usableBytes(o.root())))
                .append(" free").append(files(d, o).stream().anyMatch(f -> f.bytes() < 0)
                        ? "; the publisher states no sizes, so the files themselves are not counted" : "").append('\n');
        return s.append("  nothing was downloaded (--dry-run)").toString();
    }

    /**
     * Fetches and prepares {@code d}; returns the prepared folder. Does nothing when it is already prepared.
     *
     * @throws PreparationException with a one-line reason; nothing half-prepared is left
     */
    public Path fetch(Dataset d, Options o, PreparationListener listener) throws IOException {
        Path target = o.root().resolve(d.name());
        if (Files.isRegularFile(target.resolve(PREPARED))) {
            listener.step(d.name() + " is already prepared in " + target);
            return target;
        }
        if (Files.exists(target)) {
            throw new PreparationException(target + " exists but holds no " + PREPARED + " (not prepared by this "
                    + "tool, or by an older run): move it away and run again");
        }
        Files.createDirectories(o.root());
        deleteStaleStaging(d, o.root());
        checkDiskSpace(d, o);
        Path downloads = downloads(d, o);
        List<RemoteFile> got = new ArrayList<>();
        for (RemoteFile f : files(d, o)) {
            got.add(obtain(f, downloads, o, listener));
        }
        if (d.index() != null) {
            List<RemoteFile> listed = d.index().files(downloads.resolve(d.index().listedIn()));
            listener.step(d.index().listedIn() + " lists " + listed.size() + " files");
            for (RemoteFile f : listed) {
                obtain(o.mirror() == null ? f : f.mirroredAt(o.mirror()), downloads, o, listener);
            }
        }
        return prepareAtomically(d, o, downloads, got, listener);
    }

    private Path prepareAtomically(Dataset d, Options o, Path downloads, List<RemoteFile> got,
                                   PreparationListener listener) throws IOException {
        Path staging = Files.createTempDirectory(o.root(), "." + d.name() + ".staging-");
        try {
            Path raw = staging.resolve("raw");
            for (RemoteFile f : got) {
                if (f.isArchive()) {
                    listener.step("unpacking " + f.name());
                    SafeExtractor.extract(downloads.resolve(f.name()), raw, listener);
                }
            }
            Path out = Files.createDirectories(staging.resolve("out"));
            d.preparation().prepare(new DatasetPreparation.Inputs(raw, downloads), out, listener);
            Files.writeString(out.resolve(PREPARED), preparedNote(d, got), StandardCharsets.UTF_8);
            Path target = o.root().resolve(d.name());
            Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
            listener.step("prepared " + d.name() + " in " + target);
            return target;
        } finally {
            deleteTree(staging);
        }
    }

    /** Downloads {@code f} (or takes it from {@code --from}) into {@code downloads}; returns it under its local name. */
    private RemoteFile obtain(RemoteFile f, Path downloads, Options o, PreparationListener listener)
            throws IOException {
        RemoteFile local = f;
        Path given = o.from() == null ? null : given(f, o.from());
        if (f.url() == null) {
            if (given == null) {
                throw new PreparationException(f.name() + " cannot be downloaded by this tool: download it by hand "
                        + "from " + f.manualFrom() + " and run again with --from FOLDER (the folder holding it)");
            }
            local = new RemoteFile(given.getFileName().toString(), null, f.bytes(), f.exactSize(), f.checksum(),
                    f.manualFrom());
        }
        Path target = downloads.resolve(local.name());
        if (given != null && !Files.isRegularFile(target)) {
            listener.step("taking " + local.name() + " from " + given);
            Files.createDirectories(target.getParent());
            Files.copy(given, target.resolveSibling(target.getFileName() + ".part"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(target.resolveSibling(target.getFileName() + ".part"), target, StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.isRegularFile(target)) {
            Downloader.verify(local, target, listener);
        } else {
            downloader.fetch(local, target, listener);
        }
        if (!local.checksum().pinned()) {
            String sha = local.checksum().digestOf(target);
            if (!o.acceptUnpinned()) {
                throw new PreparationException("no checksum is published for " + local.name() + " (SHA-256 of the "
                        + "copy here: " + sha + "): check it yourself and run again with --accept-unpinned");
            }
            listener.step("accepted " + local.name() + " without a published checksum; its SHA-256 is " + sha);
        }
        return local;
    }

    /** The file in {@code from} that stands for {@code f}: its exact name, or the one match of a glob name. */
    private static Path given(RemoteFile f, Path from) throws IOException {
        Path exact = from.resolve(f.name());
        if (!f.name().contains("*") && !f.name().contains("{")) {
            return Files.isRegularFile(exact) ? exact : null;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + f.name());
        List<Path> matches;
        try (Stream<Path> s = Files.list(from)) {
            matches = s.filter(Files::isRegularFile).filter(p -> m.matches(p.getFileName())).sorted().toList();
        }
        if (matches.size() > 1) {
            throw new PreparationException(matches.size() + " files in " + from + " match " + f.name() + " ("
                    + matches.stream().map(p -> p.getFileName().toString()).toList() + "): keep only one");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private void checkDiskSpace(Dataset d, Options o) throws IOException {
        long need = needed(d, o);
        long free = disk.usableBytes(o.root());
        if (free < need) {
            throw new PreparationException(d.name() + " needs about " + Sizes.human(need) + " free under " + o.root()
                    + " (downloads, unpacked and prepared files) but only " + Sizes.human(free) + " is free: "
                    + "free some space or pass another --root; nothing was downloaded");
        }
    }

    /** Bytes still to download plus the unpacked and prepared estimates. */
    long needed(Dataset d, Options o) throws IOException {
        Path downloads = downloads(d, o);
        long need = d.unpackedBytes() + d.preparedBytes();
        for (RemoteFile f : files(d, o)) {
            Path have = downloads.resolve(f.name());
            Path part = have.resolveSibling(have.getFileName() + ".part");
            if (!Files.isRegularFile(have)) {
                need += Math.max(0, f.bytes() - (Files.isRegularFile(part) ? Files.size(part) : 0));
            }
        }
        return need + (d.index() == null ? 0 : d.index().approxBytes());
    }

    private static List<RemoteFile> files(Dataset d, Options o) {
        return o.mirror() == null ? d.files() : d.files().stream().map(f -> f.mirroredAt(o.mirror())).toList();
    }

    private static Path downloads(Dataset d, Options o) {
        return o.root().resolve("downloads").resolve(d.name());
    }

    private static String preparedNote(Dataset d, List<RemoteFile> got) {
        StringBuilder s = new StringBuilder(d.name()).append(": ").append(d.title()).append('\n');
        s.append("terms: ").append(d.terms()).append('\n');
        s.append("layout: ").append(d.preparation().layout()).append('\n');
        for (RemoteFile f : got) {
            s.append("from ").append(f.name()).append(": ").append(f.checksum().describe()).append('\n');
        }
        return s.toString();
    }

    private static void deleteStaleStaging(Dataset d, Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("." + d.name() + ".staging-")).toList()) {
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
