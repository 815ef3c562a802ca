package dev.ginr.inr.experiment;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.Map;

/** Edits of a config's YAML text, so that the text stored with a run rebuilds exactly the spec the run used. */
final class ConfigText {

    private ConfigText() {}

    /** The text with {@code section.key} set to {@code value} (other keys kept; comments are not). */
    @SuppressWarnings("unchecked")
    static String set(String yaml, String section, String key, Object value) {
        Object root = yaml == null || yaml.isBlank() ? null : new Yaml().load(yaml);
        Map<String, Object> top = root instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        Map<String, Object> inner = top.get(section) instanceof Map<?, ?> s
                ? new LinkedHashMap<>((Map<String, Object>) s) : new LinkedHashMap<>();
        inner.put(key, value);
        top.put(section, inner);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(top);
    }
}
