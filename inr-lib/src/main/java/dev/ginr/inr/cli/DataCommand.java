package dev.ginr.inr.cli;

import dev.ginr.inr.data.OfflinePhotoSet;
import dev.ginr.inr.data.PhotoSourceList;
import dev.ginr.inr.data.prepare.Dataset;
import dev.ginr.inr.data.prepare.DatasetCatalog;
import dev.ginr.inr.data.prepare.DatasetFetcher;
import dev.ginr.inr.data.prepare.DiskSpace;
import dev.ginr.inr.data.prepare.Downloader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ginr data}: builds data sets. {@code offline-photos} cuts a small real image set from photographs that
 * Debian packages install (see {@link OfflinePhotoSet}); {@code offline-speech} cuts speech clips from recorded
 * prompts that Debian packages install ({@link OfflineSpeechCommand}); {@code list} and {@code fetch} download the
 * paper's datasets (CelebA, FFHQ, ImageNette, LibriSpeech, ShapeNet renders) from their publishers, verify them and
 * prepare the layout our loaders read (see {@link DatasetFetcher}).
 */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Build and fetch data sets.",
        subcommands = {DataCommand.OfflinePhotos.class, OfflineSpeechCommand.class, DataCommand.ListDatasets.class,
                DataCommand.Fetch.class})
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs {@code data ...} on its own, for scripts that cannot yet call {@code ginr data}. */
    public static void main(String[] args) {
        CliLogging.quiet();
        CommandLine cli = new CommandLine(new DataCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ginr data " + cmd.getCommandName() + ": " + ex.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: offline-photos, offline-speech, list or fetch");
    }

    /** {@code ginr data offline-photos}: deterministic photo crops split by source photo, with a manifest. */
    @Command(name = "offline-photos", mixinStandardHelpOptions = true,
            description = "Cut deterministic SxS crops from the photographs of the explicit source list (or --source "
                    + "folders) into OUT/<size>/{train,test}/*.png with OUT/manifest.tsv; split by photo group.")
    static final class OfflinePhotos implements Callable<Integer> {

        @Option(names = "--out", paramLabel = "DIR",
                description = "output folder (default <repo>/data/offline-photos)")
        Path out;

        @Option(names = "--sizes", split = ",", paramLabel = "S", defaultValue = "32,64",
                description = "crop sizes, comma-separated (default 32,64)")
        List<Integer> sizes;

        @Option(names = "--source", paramLabel = "DIR",
                description = "photo folder, repeatable, used instead of the source list")
        List<Path> sources = new ArrayList<>();

        @Option(names = "--source-list", paramLabel = "FILE",
                description = "explicit photo sources, 'package<TAB>path-glob' per line (default: the shipped list)")
        Path sourceList;

        @Option(names = "--seed", defaultValue = "0", description = "seed for crop positions and split (default 0)")
        long seed;

        @Option(names = "--crops-per-source", defaultValue = "32",
                description = "crops per photo and size (default 32)")
        int cropsPerSource;

        @Option(names = "--test-fraction", defaultValue = "0.2",
                description = "share of photo groups held out for test (default 0.2)")
        double testFraction;

        @Override
        public Integer call() {
            OfflinePhotoSet.Settings defaults = OfflinePhotoSet.Settings.defaults();
            OfflinePhotoSet.Settings settings = new OfflinePhotoSet.Settings(out == null ? defaults.out() : out,
                    sizes, sources, seed, cropsPerSource, testFraction,
                    sourceList == null ? defaults.list() : PhotoSourceList.read(sourceList));
            OfflinePhotoSet.Report report = OfflinePhotoSet.build(settings);
            System.out.println(report.summary());
            System.out.println("written to " + settings.out().toAbsolutePath());
            return 0;
        }
    }

    /** {@code ginr data list}: the paper's datasets this tool fetches. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the paper's datasets.")
    static final class ListDatasets implements Callable<Integer> {

        @Override
        public Integer call() {
            DatasetCatalog.all().values().forEach(d -> System.out.println(d.name() + ": " + d.title()));
            return 0;
        }
    }

    /** {@code ginr data fetch NAME}: download, verify, unpack safely and prepare one of the paper's datasets. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download (resumably), verify, unpack and prepare one of the paper's datasets into "
                    + "ROOT/NAME (atomically). Nothing of it has been tried against the real hosts from our machines.")
    static final class Fetch implements Callable<Integer> {

        @CommandLine.Parameters(paramLabel = "NAME", description = "dataset: celeba, ffhq, imagenette, librispeech, "
                + "shapenet-chairs, shapenet-cars or shapenet-lamps")
        String name;

        @Option(names = "--root", paramLabel = "DIR", description = "data folder (default <repo>/data)")
        Path root;

        @Option(names = "--dry-run", description = "print what would be fetched, from where, and the disk space "
                + "needed; download nothing")
        boolean dryRun;

        @Option(names = "--mirror", paramLabel = "URL", description = "fetch every file from URL/NAME instead of "
                + "its publisher")
        String mirror;

        @Option(names = "--from", paramLabel = "DIR", description = "folder with files already downloaded (by hand "
                + "or copied); they are verified like downloads")
        Path from;

        @Option(names = "--accept-unpinned", description = "use files for which no checksum is published "
                + "(ShapeNet renders); their SHA-256 is printed")
        boolean acceptUnpinned;

        @Override
        public Integer call() throws Exception {
            Dataset dataset = DatasetCatalog.named(name);
            Path dataRoot = root != null ? root : OfflinePhotoSet.Settings.defaults().out().getParent();
            if (from != null && !Files.isDirectory(from)) {
                throw new IllegalArgumentException("--from " + from + " is not a folder");
            }
            DatasetFetcher.Options options = new DatasetFetcher.Options(dataRoot, mirror, from, acceptUnpinned);
            DatasetFetcher fetcher = new DatasetFetcher(new Downloader(), DiskSpace.system());
            if (dryRun) {
                System.out.println(fetcher.dryRun(dataset, options));
                return 0;
            }
            Path prepared = fetcher.fetch(dataset, options, new DataProgress(System.err));
            System.out.println(dataset.name() + " is prepared in " + prepared.toAbsolutePath());
            return 0;
        }
    }
}
