package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.nn.DataTokenizer;
import dev.ginr.inr.config.TransformerConfig;
import dev.ginr.inr.nn.InstancePatternComposers;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.nn.TransformerHypernetwork;
import dev.ginr.inr.nn.WeightTokenHead;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's main model (reference type {@code low_rank_modulated_transinr}): a transformer hypernetwork reads the
 * observed image as patch tokens plus r weight tokens per modulated layer; a head turns the r outputs into the columns
 * of the instance pattern composer V(n) (fan_in x r), and the modulated layer's weight is W(n) = V(n) U. U and every
 * other weight are shared: the pattern composition rule.
 */
public final class LowRankModulatedTransInr implements GeneralizableInr {

    public static final String TYPE = "low_rank_modulated_transinr";

    private final HyponetConfig hyponet;
    private final InstancePatternComposers composers;
    private final ModulatedMlp mlp;
    private final TransformerHypernetwork hypernetwork;
    private final Map<Integer, WeightTokenHead> heads = new LinkedHashMap<>();
    private final ParameterSet params;

    public LowRankModulatedTransInr(HyponetConfig hyponet, ComposerConfig composerConfig, DataTokenizer tokenizer,
                                    TransformerConfig transformer, NDManager parent, DataType dataType) {
        this.hyponet = hyponet;
        this.composers = new InstancePatternComposers(hyponet, composerConfig);
        this.mlp = new ModulatedMlp(hyponet, composers.layers());
        int tokens = composers.layers().stream().mapToInt(composers::rank).sum();
        this.hypernetwork = new TransformerHypernetwork(tokenizer, transformer, tokens);
        for (int layer : composers.layers()) {
            heads.put(layer, new WeightTokenHead("hypernet.head" + layer, transformer.embedDim(), hyponet.fanIn(layer)));
        }
        this.params = new ParameterSet(parent, dataType);
        mlp.register(params);
        composers.register(params);
        hypernetwork.register(params);
        heads.values().forEach(h -> h.register(params));
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

    public InstancePatternComposers composers() {
        return composers;
    }

    public TransformerHypernetwork hypernetwork() {
        return hypernetwork;
    }

    /** The composers V(n) of every modulated layer, (B, fan_in, r) each, predicted from the observed signal. */
    public Map<Integer, NDArray> predictComposers(ParameterSet.Bound p, Observation observed, boolean training) {
        NDArray outputs = hypernetwork.weightTokenOutputs(p, observed.values(), training); // (B, T, D)
        Map<Integer, NDArray> v = new LinkedHashMap<>();
        int offset = 0;
        for (int layer : composers.layers()) {
            int r = composers.rank(layer);
            NDArray layerTokens = outputs.get(":, " + offset + ":" + (offset + r) + ", :"); // (B, r, D)
            v.put(layer, heads.get(layer).columns(p, layerTokens)); // (B, fan_in, r)
            offset += r;
        }
        return v;
    }

    @Override
    public Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Observation observed, boolean training) {
        return composers.instanceWeights(p, predictComposers(p, observed, training));
    }
}
