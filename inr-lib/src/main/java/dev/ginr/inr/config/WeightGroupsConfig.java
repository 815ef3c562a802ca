package dev.ginr.inr.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransINR's weight groups (reference paths {@code arch.n_weight_groups} and, for {@code type: transinr},
 * {@code arch.modulated_layer_idxs}): the fan_out columns of each modulated layer are split into g groups; the
 * transformer predicts one fan_in vector per group, repeated over the group's fan_out / g columns.
 *
 * <p>As in the reference code, a layer narrower than g gets one group per column: g_i = min(g, fan_out_i), and g_i
 * must divide fan_out_i.
 *
 * @param nWeightGroups      one group count for every modulated layer, or one per hyponet layer
 * @param modulatedLayerIdxs the modulated layers, or null for every layer (the paper's baseline)
 */
public record WeightGroupsConfig(List<Integer> nWeightGroups, List<Integer> modulatedLayerIdxs) {

    public static final String GROUPS_PATH = "arch.n_weight_groups";

    public WeightGroupsConfig {
        nWeightGroups = List.copyOf(nWeightGroups);
        modulatedLayerIdxs = modulatedLayerIdxs == null ? null : List.copyOf(modulatedLayerIdxs);
        ConfigException.require(!nWeightGroups.isEmpty(), GROUPS_PATH, nWeightGroups, "at least one group count");
        for (int g : nWeightGroups) {
            ConfigException.require(g >= 1, GROUPS_PATH, nWeightGroups, "positive group counts");
        }
    }

    /** The same group count on every layer. */
    public static WeightGroupsConfig everyLayer(int groups) {
        return new WeightGroupsConfig(List.of(groups), null);
    }

    /**
     * Effective group count per modulated layer in ascending layer order (the order of the weight tokens), g_i = min(g, fan_out_i), after checking it against the hyponet.
     *
     * @throws ConfigException when a count list has the wrong length, a layer index is out of range, or g_i does
     *                         not divide the layer's width
     */
    public Map<Integer, Integer> groupsByLayer(HyponetConfig hyponet) {
        int n = hyponet.nLayer();
        ConfigException.require(nWeightGroups.size() == 1 || nWeightGroups.size() == n, GROUPS_PATH, nWeightGroups,
                "one group count, or one per hyponet layer (" + n + ")");
        List<Integer> layers = modulatedLayerIdxs == null ? hyponet.layers()
                : modulatedLayerIdxs.stream().sorted().toList(); // the reference orders the groups by layer
        ConfigException.require(Set.copyOf(layers).size() == layers.size(), ComposerConfig.LAYERS_PATH, layers,
                "distinct layer indices");
        List<Integer> bad = new ArrayList<>();
        layers.stream().filter(i -> i < 0 || i >= n).forEach(bad::add);
        ConfigException.require(bad.isEmpty(), ComposerConfig.LAYERS_PATH, layers,
                "layer indices in 0.." + (n - 1) + "; out of range: " + bad);
        Map<Integer, Integer> groups = new LinkedHashMap<>();
        for (int layer : layers) {
            int requested = nWeightGroups.size() == 1 ? nWeightGroups.get(0) : nWeightGroups.get(layer);
            int width = hyponet.fanOut(layer);
            int g = Math.min(requested, width);
            ConfigException.require(width % g == 0, GROUPS_PATH, requested, "a divisor of the width " + width
                    + " of layer " + layer + " (each group spans fan_out / n_weight_groups columns)");
            groups.put(layer, g);
        }
        return Collections.unmodifiableMap(groups);
    }

    /** Total number of weight tokens the transformer gets: the sum of g_i. */
    public int totalGroups(HyponetConfig hyponet) {
        return groupsByLayer(hyponet).values().stream().mapToInt(Integer::intValue).sum();
    }
}
