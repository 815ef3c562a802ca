package dev.ginr.inr.data.prepare;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The entry point of {@code data-scripts/build-offline-scenes.sh}: builds the offline multi-view set with
 * {@link OfflineSceneSet}. Bad options print one line naming the value and what is allowed.
 */
@Command(name = "offline-scenes", mixinStandardHelpOptions = true,
        description = "Render Debian's sweethome3d-furniture models (chairs, lamps, cars) with Blender into a "
                + "multi-view set in the layout of the learnit ShapeNet renders: OUT/<category>/<object>/"
                + "{transforms.json,r_*.png}, OUT/<category>_splits.json, OUT/manifest.tsv.")
public final class OfflineScenesCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output folder")
    Path out;

    @Option(names = "--script", paramLabel = "FILE", required = true,
            description = "the Blender scene script (data-scripts/scenes/render_object.py)")
    Path script;

    @Option(names = "--blender", paramLabel = "EXE", defaultValue = "blender", description = "Blender (default blender)")
    Path blender;

    @Option(names = "--libraries", paramLabel = "DIR", description = "folder of .sh3f libraries (default "
            + "/usr/share/sweethome3d/furniture)")
    Path libraries = FurnitureCatalog.DEBIAN_FOLDER;

    @Option(names = "--size", defaultValue = "64", description = "view side in pixels (default 64)")
    int size;

    @Option(names = "--samples", defaultValue = "16", description = "Cycles samples per pixel (default 16)")
    int samples;

    @Option(names = "--train-views", defaultValue = "25", description = "training views per object (default 25)")
    int trainViews;

    @Option(names = "--query-views", defaultValue = "5", description = "held-out views per object (default 5)")
    int queryViews;

    @Option(names = "--seed", defaultValue = "0", description = "viewpoints, noise and split (default 0)")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.25", description = "objects held out (default 0.25)")
    double testFraction;

    @Option(names = "--processes", defaultValue = "2", description = "Blender processes at once (default 2)")
    int processes;

    @Option(names = "--per-category", defaultValue = "0",
            description = "at most this many objects per category, for a quick look (default 0 = all)")
    int perCategory;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new OfflineScenesCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("build-offline-scenes: " + ex.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        OfflineSceneSet.Settings s = new OfflineSceneSet.Settings(out, libraries, FurnitureCatalog.DEBIAN_COPYRIGHT,
                blender, script, size, samples, trainViews, queryViews, seed, testFraction, processes, perCategory);
        OfflineSceneSet.Report r = OfflineSceneSet.build(s, line -> System.err.println("  " + line));
        System.out.println(r.summary());
        System.out.println("written to " + out.toAbsolutePath());
        return 0;
    }
}
