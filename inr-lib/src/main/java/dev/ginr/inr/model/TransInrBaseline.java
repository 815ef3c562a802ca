package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.nn.DataTokenizer;
import dev.ginr.inr.config.TransformerConfig;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.nn.TransformerHypernetwork;
import dev.ginr.inr.nn.WeightTokenHead;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TransINR baseline (reference type {@code transinr}, PAPER.md §3): every configured layer is modulated by weight
 * groups. Layer l gets g_l = min(n_weight_groups[l], fan_out) weight tokens (one count for every layer, or one per
 * layer), in ascending layer order; the head turns them into g_l vectors of length
 * fan_in; the vectors are repeated over the layer's columns (column j takes group j mod g, as PyTorch's
 * {@code repeat}) and multiplied elementwise into the shared base weight; the MLP then normalises the columns. It
 * shares the hypernetwork and the MLP with the composer model, so the two differ only where the paper says.
 */
public final class TransInrBaseline implements GeneralizableInr {

    public static final String TYPE = "transinr";

    private final HyponetConfig hyponet;
    private final ModulatedMlp mlp;
    private final TransformerHypernetwork hypernetwork;
    private final Map<Integer, Integer> groups = new LinkedHashMap<>();
    private final Map<Integer, WeightTokenHead> heads = new LinkedHashMap<>();
    private final ParameterSet params;

    /**
     * @param groupsByLayer the effective group count g_l of every modulated layer
     *                      ({@link dev.ginr.inr.config.WeightGroupsConfig#groupsByLayer}); each must divide fan_out
     */
    public TransInrBaseline(HyponetConfig hyponet, Map<Integer, Integer> groupsByLayer, DataTokenizer tokenizer,
                            TransformerConfig transformer, NDManager parent, DataType dataType) {
        this.hyponet = hyponet;
        this.mlp = new ModulatedMlp(hyponet, java.util.Set.of());
        new TreeMap<>(groupsByLayer).forEach((layer, g) -> groups.put(layer, checkGroups(hyponet, layer, g)));
        int tokens = groups.values().stream().mapToInt(Integer::intValue).sum();
        this.hypernetwork = new TransformerHypernetwork(tokenizer, transformer, tokens);
        for (int layer : groups.keySet()) {
            heads.put(layer, new WeightTokenHead("hypernet.head" + layer, transformer.embedDim(), hyponet.fanIn(layer)));
        }
        this.params = new ParameterSet(parent, dataType);
        mlp.register(params);
        hypernetwork.register(params);
        heads.values().forEach(h -> h.register(params));
    }

    /** g must lie in 1..fan_out and divide fan_out. */
    private static int checkGroups(HyponetConfig hyponet, int layer, int g) {
        int fanOut = hyponet.fanOut(layer);
        if (g < 1 || g > fanOut) {
            throw new ConfigException("arch.n_weight_groups", g, "a number of groups in 1.." + fanOut + " for layer "
                    + layer);
        }
        if (fanOut % g != 0) {
            throw new ConfigException("arch.n_weight_groups", g, "a number of groups dividing the width "
                    + fanOut + " of layer " + layer);
        }
        return g;
    }

    /** Repeats g group vectors over fan_out columns, column j taking group j mod g: (B, fan_in, g) -> (B, fan_in, fan_out). */
    public static NDArray repeatGroups(NDArray groupVectors, int fanOut) {
        long g = groupVectors.getShape().get(2);
        return groupVectors.tile(new long[] {1, 1, fanOut / g}); // (B, fan_in, fan_out)
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HyponetConfig hyponet() {
        return hyponet;
    }

    @Override
    public ModulatedMlp mlp() {
        return mlp;
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    public TransformerHypernetwork hypernetwork() {
        return hypernetwork;
    }

    @Override
    public Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Observation observed, boolean training) {
        NDArray outputs = hypernetwork.weightTokenOutputs(p, observed.values(), training); // (B, T, D)
        Map<Integer, NDArray> w = new LinkedHashMap<>();
        int offset = 0;
        for (Map.Entry<Integer, Integer> e : groups.entrySet()) {
            int layer = e.getKey();
            int g = e.getValue();
            NDArray layerTokens = outputs.get(":, " + offset + ":" + (offset + g) + ", :"); // (B, g, D)
            NDArray modulation = repeatGroups(heads.get(layer).columns(p, layerTokens), hyponet.fanOut(layer));
            NDArray base = p.get(ModulatedMlp.weightName(layer)).get(":-1, :"); // (fan_in, fan_out)
            w.put(layer, modulation.mul(base)); // (B, fan_in, fan_out), normalised by the MLP
            offset += g;
        }
        return w;
    }
}
