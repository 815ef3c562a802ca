package dev.ginr.inr.cli;

import dev.ginr.inr.data.OfflinePhotoSet;
import dev.ginr.inr.data.PhotoSourceList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ginr data}: builds data sets. Its one subcommand so far, {@code offline-photos}, cuts a small real image
 * set from the photos that Debian wallpaper packages install (see {@link OfflinePhotoSet}). The paper's own data
 * sets (CelebA, FFHQ, ImageNette, LibriSpeech, ShapeNet) are fetched by hand; data-scripts/README.md says how.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Build data sets.", subcommands = {DataCommand.OfflinePhotos.class})
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs {@code data ...} on its own, for scripts that cannot yet call {@code ginr data}. */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new DataCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ginr data " + cmd.getCommandName() + ": " + ex.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing data set name (offline-photos)");
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
}
