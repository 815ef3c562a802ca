package dev.ginr.inr.experiment;

import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.DatasetConfig;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.data.ImageFolder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The image size of an experiment whose config names none. The reference takes the size from its transform
 * ({@code dataset.transforms.type: imagenette178x178}); a config without {@code dataset.resolution} and without a
 * size in its transform name gets the size of the images it is trained on, when they are all square and of one size,
 * and says so. The config text is given the key too, so that a checkpoint of the run rebuilds the same model.
 *
 * @param spec the spec with a resolution
 * @param yaml the config text with {@code dataset.resolution} when it was defaulted (else unchanged)
 * @param note what was defaulted and why, or null when the config gave the size
 */
public record DataResolution(ExperimentSpec spec, String yaml, String note) {

    private static final String KEY = DatasetConfig.PATH + ".resolution";

    /**
     * @throws ConfigException naming {@code dataset.resolution} (and the line of the {@code dataset} section) when
     *                         the config gives no size and the images do not have one common square size
     */
    public static DataResolution resolve(ExperimentSpec spec, String yaml, Path dataDir) {
        DatasetConfig given = spec.dataset();
        if (given.isImage() || given.isScene() || given.clipSamples() > 0) { // sized by the config (or not images)
            return new DataResolution(spec, yaml, null);
        }
        Map<String, Integer> sizes = imageSizes(dataDir);
        if (sizes.size() != 1 || !isSquare(sizes.keySet().iterator().next())) {
            String found = sizes.isEmpty() ? "no readable image" : "images of " + sizes.size() + " size(s) "
                    + sizes.keySet().stream().limit(4).toList();
            throw new ConfigException(KEY, "is not set in " + spec.source() + sectionLine(yaml) + ", "
                    + DatasetConfig.PATH + ".transforms.type names no size, and " + dataDir + " holds " + found
                    + ": add resolution: N (the square side the images are resized and cropped to) under "
                    + DatasetConfig.PATH);
        }
        String size = sizes.keySet().iterator().next();
        int side = Integer.parseInt(size.substring(0, size.indexOf('x')));
        DatasetConfig d = spec.dataset();
        ExperimentSpec resolved = spec.withDataset(new DatasetConfig(d.type(), d.transforms(), side, d.samplingRate(),
                d.clipSeconds(), d.root()));
        String note = KEY + " is not set in " + spec.source() + " and " + DatasetConfig.PATH
                + ".transforms.type names no size: using " + side + ", the size of all " + sizes.get(size)
                + " images under " + dataDir;
        return new DataResolution(resolved, ConfigText.set(yaml, DatasetConfig.PATH, "resolution", side), note);
    }

    private static boolean isSquare(String size) {
        String[] wh = size.split("x");
        return wh[0].equals(wh[1]);
    }

    /** "WxH" -> number of images of that size, read from the image headers only. */
    private static Map<String, Integer> imageSizes(Path dir) {
        Map<String, Integer> sizes = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return sizes;
        }
        for (Path file : ImageFolder.list(dir)) {
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    continue; // not an image: the loader skips and counts it
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in);
                    sizes.merge(reader.getWidth(0) + "x" + reader.getHeight(0), 1, Integer::sum);
                } finally {
                    reader.dispose();
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: the loader skips and counts it
            }
        }
        return sizes;
    }

    /** " (dataset section at line N)" when the text has a dataset section, else "". */
    private static String sectionLine(String yaml) {
        Node root = yaml == null || yaml.isBlank() ? null
                : new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        if (root instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(DatasetConfig.PATH)) {
                    return " (" + DatasetConfig.PATH + " section at line " + (k.getStartMark().getLine() + 1) + ")";
                }
            }
        }
        return "";
    }
}
