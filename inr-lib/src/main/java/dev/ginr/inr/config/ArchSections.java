package dev.ginr.inr.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads the {@code arch} section of a reference-style config into the model records, applying the reference
 * implementation's defaults where a key is absent. Reference keys we read nothing from ({@code ema},
 * {@code coord_sampler} apart from its {@code coord_range}, ...) are accepted; settings we cannot honour fail with
 * the allowed values.
 */
final class ArchSections {

    private final YamlTree t;
    private final List<String> notes;

    /**
     * @param notes collects settings that are accepted but have no effect, for the reader's warnings
     */
    ArchSections(YamlTree tree, List<String> notes) {
        this.t = tree;
        this.notes = notes;
    }

    /** {@code arch.type}; the reference's meta type without factorisation is Learned Init. */
    ModelType modelType() {
        String name = t.string("arch.type", null);
        if (name == null) {
            throw new ConfigException("arch.type", null, "one of " + ModelType.allowed());
        }
        ModelType type = ModelType.fromYaml("arch.type", name);
        if (type == ModelType.META_LOW_RANK && !t.bool("arch.use_factorization", true)) {
            return ModelType.LEARNED_INIT;
        }
        return type;
    }

    HyponetConfig hyponet() {
        String p = HyponetConfig.PATH;
        requireValue(p + ".type", "mlp", "mlp");
        ConfigException.require(t.bool(p + ".use_bias", true), p + ".use_bias", false,
                "true (each layer stores weight and bias together)");
        int nLayer = t.integer(p + ".n_layer", 5);
        int hidden = singleWidth(p + ".hidden_dim", t.intList(p + ".hidden_dim"), nLayer - 1);
        Activation act = Activation.fromYaml(p + ".activation.type", t.string(p + ".activation.type", "relu"));
        double w0 = t.number(p + ".activation.siren_w0", 30.0);
        WeightInit init = WeightInit.fromYaml(p + ".initialization.weight_init_type",
                t.string(p + ".initialization.weight_init_type", "kaiming_uniform"));
        requireValue(p + ".initialization.bias_init_type", "zero", "zero (biases start at 0)");
        return new HyponetConfig(t.integer(p + ".input_dim", 2), t.integer(p + ".output_dim", 3), nLayer, hidden, act,
                w0, init, t.number(p + ".output_bias", 0.5), t.bool(p + ".normalize_weight", true), fourier());
    }

    private FourierConfig fourier() {
        String p = FourierConfig.PATH;
        ConfigException.require(!t.bool(p + ".trainable", false), p + ".trainable", true,
                "false (the Fourier frequencies are fixed)");
        FourierType type = FourierType.fromYaml(p + ".type", t.string(p + ".type", "deterministic_transinr"));
        if (!t.bool(p + ".use_ff", true)) {
            type = FourierType.NONE;
        }
        return new FourierConfig(type, t.integer(p + ".ff_dim", 128), t.number(p + ".ff_sigma", 1024),
                coordinateRange());
    }

    /** s of the reference's coordinate range [-s, s]; 1 when absent (the reference's default [-1, 1]). */
    private double coordinateRange() {
        List<Double> r = t.numberList(FourierConfig.RANGE_PATH);
        if (r == null) {
            return 1.0;
        }
        ConfigException.require(r.size() == 2 && r.get(1) > 0 && r.get(0) == -r.get(1), FourierConfig.RANGE_PATH, r,
                "a symmetric range [-s, s] with s > 0, e.g. [-1.0, 1.0] (images, 1 s audio) or [-3.0, 3.0] (3 s audio)");
        return r.get(1);
    }

    /**
     * The composers, when the config names modulated layers and a rank. The reference's low-rank TransINR gives
     * the rank as {@code n_weight_groups}; our presets give it as {@code rank} (so that {@code n_weight_groups} can
     * hold the TransINR baseline's groups).
     */
    ComposerConfig composer(ModelType type) {
        List<Integer> layers = t.intList(ComposerConfig.LAYERS_PATH);
        List<Integer> ranks = t.intList(ComposerConfig.RANK_PATH);
        if (ranks == null && type == ModelType.LOW_RANK_TRANSINR) {
            ranks = t.intList(WeightGroupsConfig.GROUPS_PATH);
        }
        if (type == ModelType.TRANSINR || type == ModelType.LEARNED_INIT) {
            if (layers == null || ranks == null) {
                return null;
            }
        }
        ConfigException.require(layers != null, ComposerConfig.LAYERS_PATH, null,
                "a list of layer indices, e.g. [1], for arch.type " + type.yamlName());
        ConfigException.require(ranks != null, ComposerConfig.RANK_PATH, null, "a rank, e.g. [256], for arch.type "
                + type.yamlName() + (type == ModelType.LOW_RANK_TRANSINR ? " (or arch.n_weight_groups)" : ""));
        return new ComposerConfig(layers, ranks);
    }

    /**
     * TransINR's weight groups: for {@code type: transinr} from {@code n_weight_groups} and
     * {@code modulated_layer_idxs} (null = every layer); for the other types only when {@code rank} is given
     * separately, and then on every layer, as the paper's baseline.
     */
    WeightGroupsConfig weightGroups(ModelType type) {
        List<Integer> groups = t.intList(WeightGroupsConfig.GROUPS_PATH);
        if (type == ModelType.TRANSINR) {
            ConfigException.require(groups != null, WeightGroupsConfig.GROUPS_PATH, null,
                    "a group count, e.g. [64], for arch.type transinr");
            return new WeightGroupsConfig(groups, t.intList(ComposerConfig.LAYERS_PATH));
        }
        boolean rankGivenApart = t.has(ComposerConfig.RANK_PATH) || type.isMetaLearning();
        return groups != null && rankGivenApart ? new WeightGroupsConfig(groups, null) : null;
    }

    DataEncoderConfig dataEncoder() {
        String p = DataEncoderConfig.PATH;
        if (!t.has(p)) {
            return null;
        }
        DataEncoderConfig.Kind kind = DataEncoderConfig.Kind.fromYaml(p + ".type", t.string(p + ".type", "unfold"));
        ConfigException.require(!t.bool(p + ".trainable", false), p + ".trainable", true,
                "false (patch unfolding has no parameters)");
        t.ignore(p + ".ckpt");
        boolean audio = kind == DataEncoderConfig.Kind.UNFOLD_AUDIO;
        return new DataEncoderConfig(kind, t.integer(p + ".n_channel", audio ? 1 : 3),
                t.integer(DataEncoderConfig.PATCH_PATH, audio ? 200 : 9),
                t.integer(DataEncoderConfig.PADDING_PATH, audio ? 0 : 1),
                t.bool(p + ".encoder_spec.use_padding", true));
    }

    LatentMappingConfig latentMapping() {
        String p = LatentMappingConfig.PATH;
        if (!t.has(p)) {
            return null;
        }
        requireValue(p + ".type", "linear", "linear");
        List<Integer> hidden = t.intList(p + ".hidden_dim");
        return new LatentMappingConfig(t.integer(p + ".n_patches", 400), t.integer(p + ".n_layer", 1),
                Activation.fromYaml(p + ".activation", t.string(p + ".activation", "relu")),
                hidden == null ? List.of() : hidden, t.integer(p + ".latent_dim", 256), t.bool(p + ".use_pe", true));
    }

    TransformerConfig transformer() {
        String p = TransformerConfig.PATH;
        if (!t.has(p)) {
            return null;
        }
        String b = p + ".block";
        int embed = t.integer(p + ".embed_dim", 768);
        ConfigException.require(t.integer(b + ".embed_dim", embed) == embed, b + ".embed_dim",
                t.integer(b + ".embed_dim", embed), "arch.transformer.embed_dim = " + embed);
        ConfigException.require(!t.bool(p + ".mask", false), p + ".mask", true, "false (no causal mask)");
        ConfigException.require(t.bool(b + ".mlp_bias", true) && t.bool(b + ".attn_bias", true), b + ".mlp_bias",
                false, "true (linear layers of the blocks have biases)");
        requireValue(b + ".gelu", "v1", "v1 (exact GELU)");
        if (!t.has(p + ".n_layer")) {
            throw new ConfigException(p + ".n_layer", null, "the number of blocks (6 in the paper)");
        }
        if (!t.has(b + ".n_head")) {
            throw new ConfigException(b + ".n_head", null, "the number of heads (12 in the paper)");
        }
        return new TransformerConfig(t.integer(p + ".n_layer", 6), embed, t.integer(b + ".n_head", 12),
                t.integer(b + ".mlp_ratio", 4), t.number(b + ".resid_pdrop", 0.1), t.number(b + ".attn_pdrop", 0.0));
    }

    /**
     * The inner loop, for meta-learning types or when any of its keys is given; reference default inner_lr 0.01.
     * For a Learned Init config, {@code modulated_layer_idxs} names the adapted layers (null: every layer).
     */
    MetaConfig meta(ModelType type) {
        boolean given = t.has(MetaConfig.STEPS_PATH) || t.has(MetaConfig.LR_PATH) || t.has("arch.first_order");
        boolean factorize = t.bool("arch.use_factorization", true);
        t.ignore("arch.ignore_base_param"); // the reference always ignores the base weight of an adapted layer
        boolean adaptBias = t.bool(MetaConfig.ADAPT_BIAS_PATH, false);
        if (!type.isMetaLearning() && !given) {
            return null;
        }
        List<Integer> learnedInitLayers = type == ModelType.LEARNED_INIT ? t.intList(ComposerConfig.LAYERS_PATH)
                : null;
        return new MetaConfig(t.integer(MetaConfig.STEPS_PATH, 2), t.number(MetaConfig.LR_PATH, 0.01),
                t.bool("arch.first_order", false), factorize, learnedInitLayers, adaptBias);
    }

    /** Reference keys with no counterpart here: accepted, and noted when they ask for something we do not do. */
    void acceptReferenceOnlyKeys() {
        t.ignore("arch.coord_sampler");
        if (t.has("arch.ema") && t.bool("arch.ema", false)) {
            notes.add("arch.ema = true is not supported and was ignored (line " + t.line("arch.ema") + ")");
        }
    }

    private int singleWidth(String path, List<Integer> widths, int hiddenLayers) {
        ConfigException.require(widths != null && !widths.isEmpty(), path, null, "a hidden width, e.g. [256]");
        ConfigException.require(widths.size() == 1 || widths.size() == hiddenLayers, path, widths,
                "one width, or one per hidden layer (" + hiddenLayers + ")");
        ConfigException.require(new HashSet<>(widths).size() == 1, path, widths,
                "the same width for every hidden layer");
        return new ArrayList<>(widths).get(0);
    }

    private void requireValue(String path, String expected, String allowed) {
        String v = t.string(path, expected);
        ConfigException.require(expected.equalsIgnoreCase(v.trim()), path, v, allowed);
    }
}
