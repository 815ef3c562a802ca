package dev.ginr.inr.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads configs in the reference implementation's YAML schema (kakaobrain/ginr-ipc {@code configs/*.yaml}) into a
 * validated {@link ExperimentSpec}, optionally as overrides on top of a named preset ({@code --preset}).
 *
 * <p>The text is composed into SnakeYAML nodes (not plain maps), so every error names its line: syntax errors,
 * type errors (a string where a number belongs) and invalid values. Unknown keys are warnings, collected on the
 * result for the caller to show (once), never failures: reference files carry keys for features outside this
 * library. A text without any setting is an error on its own and a warning over a preset.
 */
public final class YamlConfigReader {

    /** Reads a YAML file; its file name labels the errors. */
    public ConfigReadResult read(Path file) {
        return read(readText(file), file.getFileName().toString());
    }

    /**
     * Reads YAML text.
     *
     * @param sourceName label used in messages and recorded as {@link ExperimentSpec#source()}
     */
    public ConfigReadResult read(String yaml, String sourceName) {
        MappingNode root = compose(yaml, sourceName);
        if (root == null || root.getValue().isEmpty()) {
            throw ConfigException.noSettings(sourceName, "give at least arch.type, or use it over a preset (presets: "
                    + Presets.names() + ")");
        }
        return build(new YamlTree(root, sourceName, Map.of()), sourceName, List.of());
    }

    /** Reads a YAML file as overrides on top of the named preset. */
    public ConfigReadResult readOverPreset(String preset, Path overrides) {
        return readOverPreset(preset, readText(overrides), overrides.getFileName().toString());
    }

    /**
     * Reads YAML text as overrides on top of the named preset: mappings merge key by key, any other value (a number,
     * a list) replaces the preset's.
     */
    public ConfigReadResult readOverPreset(String preset, String overridesYaml, String sourceName) {
        String presetLabel = Presets.label(preset);
        MappingNode base = compose(Presets.yaml(preset), presetLabel);
        Map<Node, String> origins = new IdentityHashMap<>();
        if (base != null) {
            YamlTree.labelAll(base, presetLabel, origins);
        }
        MappingNode over = compose(overridesYaml, sourceName);
        List<String> notes = over == null || over.getValue().isEmpty()
                ? List.of(sourceName + " holds no settings (it is empty or only comments): " + presetLabel
                        + " is used as it is") : List.of();
        MappingNode merged = base == null ? over : over == null ? base : merge(base, over);
        return build(new YamlTree(merged, sourceName, origins), presetLabel + " + " + sourceName, notes);
    }

    private ConfigReadResult build(YamlTree tree, String sourceName, List<String> readerNotes) {
        List<String> notes = new ArrayList<>(readerNotes);
        ExperimentSpec spec;
        try {
            ArchSections arch = new ArchSections(tree, notes);
            RunSections run = new RunSections(tree, notes);
            ModelType type = arch.modelType();
            arch.acceptReferenceOnlyKeys();
            spec = new ExperimentSpec(sourceName, type, arch.hyponet(), arch.composer(type), arch.weightGroups(type),
                    arch.dataEncoder(), arch.latentMapping(), arch.transformer(), arch.meta(type), run.dataset(),
                    run.loss(), run.optimizer(), run.experiment());
        } catch (ConfigException e) {
            throw tree.locate(e);
        }
        List<String> warnings = new ArrayList<>();
        tree.unknownKeys().forEach(k -> warnings.add("unknown key " + k + " was ignored"));
        warnings.addAll(notes);
        return new ConfigReadResult(spec, warnings);
    }

    /** The document's root mapping (null for an empty document); a syntax error names its line and column. */
    static MappingNode compose(String yaml, String sourceName) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw ConfigException.syntaxError(sourceName, m == null ? -1 : m.getLine() + 1,
                    m == null ? -1 : m.getColumn() + 1, e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException("<yaml>", sourceName + " is not well-formed YAML: " + e.getMessage());
        }
        if (root == null) {
            return null;
        }
        if (!(root instanceof MappingNode map)) {
            throw ConfigException.at("<root>", sourceName, "a mapping of sections (arch, optimizer, ...)",
                    root.getStartMark().getLine() + 1, sourceName);
        }
        rejectDuplicateKeys(map, "", sourceName);
        return map;
    }

    /** The reference's PyYAML silently keeps the last duplicate; we name both so that neither is lost silently. */
    private static void rejectDuplicateKeys(MappingNode map, String prefix, String sourceName) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                continue;
            }
            String path = prefix.isEmpty() ? k.getValue() : prefix + "." + k.getValue();
            int line = k.getStartMark().getLine() + 1;
            Integer first = seen.putIfAbsent(k.getValue(), line);
            if (first != null) {
                throw ConfigException.at(path, "a second value", "one value per key (first given at line " + first
                        + ")", line, sourceName);
            }
            if (t.getValueNode() instanceof MappingNode child) {
                rejectDuplicateKeys(child, path, sourceName);
            }
        }
    }

    /** Deep merge of {@code over} into {@code base} (mutates and returns base). */
    private static MappingNode merge(MappingNode base, MappingNode over) {
        List<NodeTuple> tuples = base.getValue();
        for (NodeTuple o : over.getValue()) {
            int i = o.getKeyNode() instanceof ScalarNode k ? indexOf(tuples, k.getValue()) : -1;
            if (i < 0) {
                tuples.add(o);
            } else if (tuples.get(i).getValueNode() instanceof MappingNode b
                    && o.getValueNode() instanceof MappingNode m) {
                merge(b, m);
            } else {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), o.getValueNode()));
            }
        }
        base.setValue(tuples);
        return base;
    }

    private static int indexOf(List<NodeTuple> tuples, String key) {
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }
}
