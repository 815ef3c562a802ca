package dev.ginr.inr.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A composed YAML document read by dotted path ({@code arch.hyponet.n_layer}), keeping SnakeYAML's node marks so
 * that every type error names its line, and remembering which paths the schema asked for so that the keys nobody
 * asked for can be reported as unknown.
 */
final class YamlTree {

    private final MappingNode root;
    private final String source;
    private final Map<Node, String> otherOrigins = new IdentityHashMap<>();
    private final Set<String> known = new HashSet<>();
    private final Set<String> knownPrefixes = new HashSet<>();
    private final Set<String> ignored = new HashSet<>();

    /**
     * @param root    the document (null for an empty document)
     * @param source  the label of the document's text, used in line references
     * @param origins labels of nodes that came from other texts (a preset under the document), by identity
     */
    YamlTree(MappingNode root, String source, Map<Node, String> origins) {
        this.root = root == null ? new MappingNode(Tag.MAP, new ArrayList<>(), null) : root;
        this.source = source;
        this.otherOrigins.putAll(origins);
    }

    /** Labels every node of {@code subtree} with {@code origin}, into {@code into} (keyed by identity). */
    static void labelAll(Node subtree, String origin, Map<Node, String> into) {
        into.put(subtree, origin);
        if (subtree instanceof MappingNode m) {
            m.getValue().forEach(t -> {
                labelAll(t.getKeyNode(), origin, into);
                labelAll(t.getValueNode(), origin, into);
            });
        } else if (subtree instanceof SequenceNode s) {
            s.getValue().forEach(n -> labelAll(n, origin, into));
        }
    }

    MappingNode root() {
        return root;
    }

    /** Whether {@code path} is present with a non-null value. */
    boolean has(String path) {
        remember(path);
        Node n = find(path);
        return n != null && !isNull(n);
    }

    /** Marks a whole subtree as accepted (a reference key we read nothing from), so it is not reported. */
    void ignore(String path) {
        remember(path);
        ignored.add(path);
    }

    String string(String path, String fallback) {
        ScalarNode s = scalar(path);
        return s == null ? fallback : s.getValue();
    }

    int integer(String path, int fallback) {
        ScalarNode s = scalar(path);
        return s == null ? fallback : parseInt(path, s);
    }

    double number(String path, double fallback) {
        ScalarNode s = scalar(path);
        return s == null ? fallback : parseNumber(path, s);
    }

    /** A number, or null when absent or null (e.g. {@code max_gn: null}). */
    Double optionalNumber(String path) {
        ScalarNode s = scalar(path);
        return s == null ? null : parseNumber(path, s);
    }

    boolean bool(String path, boolean fallback) {
        ScalarNode s = scalar(path);
        if (s == null) {
            return fallback;
        }
        String v = s.getValue().trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("true") || v.equals("yes") || v.equals("on")) {
            return true;
        }
        if (v.equals("false") || v.equals("no") || v.equals("off")) {
            return false;
        }
        throw typeError(path, s, "true or false");
    }

    /** A list of integers; a single integer counts as a list of one. Null when absent or null. */
    List<Integer> intList(String path) {
        List<ScalarNode> items = scalars(path);
        return items == null ? null : items.stream().map(s -> parseInt(path, s)).toList();
    }

    /** A list of numbers; a single number counts as a list of one. Null when absent or null. */
    List<Double> numberList(String path) {
        List<ScalarNode> items = scalars(path);
        return items == null ? null : items.stream().map(s -> parseNumber(path, s)).toList();
    }

    /** The 1-based line of the value at {@code path} (or of its nearest present ancestor), or -1. */
    int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Node n = find(p);
            if (n != null && n.getStartMark() != null) {
                return n.getStartMark().getLine() + 1;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        return -1;
    }

    /** The label of the text the value at {@code path} came from. */
    String origin(String path) {
        Node n = find(path);
        return n == null ? source : otherOrigins.getOrDefault(n, source);
    }

    /** {@code e} with the YAML line of its path appended, when the path is in this document. */
    ConfigException locate(ConfigException e) {
        return e.atLine(line(e.path()), origin(e.path()));
    }

    /** Every key present in the document that the schema did not ask for, highest level first, with its line. */
    List<String> unknownKeys() {
        List<String> out = new ArrayList<>();
        collectUnknown(root, "", out);
        return Collections.unmodifiableList(out);
    }

    private void collectUnknown(MappingNode map, String prefix, List<String> out) {
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (ignored.contains(path) || (known.contains(path) && !knownPrefixes.contains(path))) {
                continue;
            }
            if (knownPrefixes.contains(path) && t.getValueNode() instanceof MappingNode child) {
                collectUnknown(child, path, out);
            } else if (!knownPrefixes.contains(path)) {
                int line = t.getKeyNode().getStartMark() == null ? -1 : t.getKeyNode().getStartMark().getLine() + 1;
                out.add(path + " (line " + line + " of " + otherOrigins.getOrDefault(t.getKeyNode(), source) + ")");
            }
        }
    }

    private void remember(String path) {
        known.add(path);
        for (int i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) {
            knownPrefixes.add(path.substring(0, i));
        }
    }

    private Node find(String path) {
        Node n = root;
        for (String key : path.split("\\.")) {
            if (!(n instanceof MappingNode m)) {
                return null;
            }
            n = null;
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    n = t.getValueNode();
                }
            }
        }
        return n;
    }

    private ScalarNode scalar(String path) {
        remember(path);
        Node n = find(path);
        if (n == null || isNull(n)) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            return s;
        }
        // the reference writes some single values as one-element lists, e.g. hidden_dim: [256]
        if (n instanceof SequenceNode seq && seq.getValue().size() == 1
                && seq.getValue().get(0) instanceof ScalarNode s) {
            return s;
        }
        throw typeError(path, n, "a single value");
    }

    private List<ScalarNode> scalars(String path) {
        remember(path);
        Node n = find(path);
        if (n == null || isNull(n)) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            return List.of(s);
        }
        List<ScalarNode> out = new ArrayList<>();
        if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (!(item instanceof ScalarNode s)) {
                    throw typeError(path, item, "a list of plain values");
                }
                out.add(s);
            }
            return out;
        }
        throw typeError(path, n, "a value or a list of values");
    }

    private int parseInt(String path, ScalarNode s) {
        String v = s.getValue().trim().replace("_", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw typeError(path, s, "an integer");
        }
    }

    /** YAML 1.1 reads 1e-4 as a string; we accept every Java-parsable number, as a Python user would expect. */
    private double parseNumber(String path, ScalarNode s) {
        String v = s.getValue().trim().replace("_", "");
        try {
            double d = Double.parseDouble(v);
            if (!v.isEmpty() && !Character.isLetter(v.charAt(v.length() - 1))) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw typeError(path, s, "a number");
    }

    private ConfigException typeError(String path, Node n, String expected) {
        Object shown = n instanceof ScalarNode s ? "'" + s.getValue() + "'" : "a " + n.getNodeId() + " node";
        int line = n.getStartMark() == null ? -1 : n.getStartMark().getLine() + 1;
        return ConfigException.at(path, shown, expected, line, otherOrigins.getOrDefault(n, source));
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }
}
