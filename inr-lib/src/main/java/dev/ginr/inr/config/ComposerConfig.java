package dev.ginr.inr.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance pattern composers (reference paths {@code arch.rank} and {@code arch.modulated_layer_idxs}): for each
 * modulated layer m, W_m(n) = V(n) U_m with V(n) of shape (fan_in, r) and U_m of shape (r, fan_out).
 *
 * @param modulatedLayerIdxs 0-based layer indices (1 = the paper's "layer 2", its default)
 * @param ranks              one rank per modulated layer (a single rank applies to every layer)
 */
public record ComposerConfig(List<Integer> modulatedLayerIdxs, List<Integer> ranks) {

    public static final String RANK_PATH = "arch.rank";
    public static final String LAYERS_PATH = "arch.modulated_layer_idxs";

    public ComposerConfig {
        modulatedLayerIdxs = List.copyOf(modulatedLayerIdxs);
        ranks = List.copyOf(ranks);
        ConfigException.require(!modulatedLayerIdxs.isEmpty(), LAYERS_PATH, modulatedLayerIdxs,
                "at least one layer index");
        ConfigException.require(ranks.size() == 1 || ranks.size() == modulatedLayerIdxs.size(), RANK_PATH, ranks,
                "one rank, or one per modulated layer (" + modulatedLayerIdxs.size() + ")");
        ConfigException.require(new java.util.HashSet<>(modulatedLayerIdxs).size() == modulatedLayerIdxs.size(),
                LAYERS_PATH, modulatedLayerIdxs, "distinct layer indices");
        for (int r : ranks) {
            ConfigException.require(r >= 1, RANK_PATH, r, "a positive rank");
        }
    }

    /** One modulated layer with the given rank. */
    public static ComposerConfig of(int layer, int rank) {
        return new ComposerConfig(List.of(layer), List.of(rank));
    }

    /** Rank of each modulated layer, in layer order of the config. */
    public Map<Integer, Integer> rankByLayer() {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int k = 0; k < modulatedLayerIdxs.size(); k++) {
            m.put(modulatedLayerIdxs.get(k), ranks.size() == 1 ? ranks.get(0) : ranks.get(k));
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Checks the layer indices and ranks against a hyponet: every index must name a layer, and every rank must lie
     * in [1, max(fan_in, fan_out)] of its layer (above that the product V U cannot gain rank).
     */
    public void validateAgainst(HyponetConfig hyponet) {
        List<Integer> bad = new ArrayList<>();
        for (int idx : modulatedLayerIdxs) {
            if (idx < 0 || idx >= hyponet.nLayer()) {
                bad.add(idx);
            }
        }
        ConfigException.require(bad.isEmpty(), LAYERS_PATH, modulatedLayerIdxs, "layer indices in 0.."
                + (hyponet.nLayer() - 1) + " (0 = first layer after the Fourier features, " + (hyponet.nLayer() - 1)
                + " = output layer); out of range: " + bad);
        rankByLayer().forEach((layer, rank) -> {
            int width = Math.max(hyponet.fanIn(layer), hyponet.fanOut(layer));
            ConfigException.require(rank <= width, RANK_PATH, rank, "a rank in 1.." + width + " for layer " + layer
                    + " (fan_in " + hyponet.fanIn(layer) + ", fan_out " + hyponet.fanOut(layer) + ")");
        });
    }
}
