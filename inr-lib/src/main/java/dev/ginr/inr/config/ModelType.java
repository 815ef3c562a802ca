package dev.ginr.inr.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four generalizable INRs of the paper (reference path {@code arch.type}): ours and its baseline for each of the
 * two ways of predicting per-instance weights (a transformer hypernetwork, or meta-learning).
 *
 * <p>The reference code expresses Learned Init as {@code meta_low_rank_modulated_inr} with
 * {@code use_factorization: false}; the reader maps that combination to {@link #LEARNED_INIT}. Its NeRF types
 * {@code low_rank_modulated_transinr_nerf} and {@code transinr_nerf} are ours and TransINR on scene data
 * ({@link DatasetConfig#isScene()}).
 */
public enum ModelType {
    /** Ours: a transformer predicts the instance pattern composers V of one low-rank weight. */
    LOW_RANK_TRANSINR("low_rank_modulated_transinr", true, false,
            List.of("low_rank_transinr", "ours", "ipc_transinr", "low_rank_modulated_transinr_nerf")),
    /** Baseline TransINR: a transformer predicts one fan_in vector per weight group on every layer. */
    TRANSINR("transinr", true, false, List.of("trans_inr", "transinr_nerf")),
    /** Ours: the composers V are adapted by a few inner SGD steps from a learned initialisation (Algorithm 1). */
    META_LOW_RANK("meta_low_rank_modulated_inr", false, true,
            List.of("meta_low_rank", "meta_low_rank_modulated", "low_rank_meta")),
    /** Baseline Learned Init: every layer's full weight is adapted in the inner loop from a learned init. */
    LEARNED_INIT("learned_init", false, true, List.of("learnit", "learned_init_meta", "meta_learned_init"));

    private final String yamlName;
    private final boolean transformer;
    private final boolean meta;
    private final List<String> aliases;

    ModelType(String yamlName, boolean transformer, boolean meta, List<String> aliases) {
        this.yamlName = yamlName;
        this.transformer = transformer;
        this.meta = meta;
        this.aliases = aliases;
    }

    /** The name used in {@code arch.type}. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether a transformer hypernetwork predicts the per-instance weights (needs encoder, mapping, transformer). */
    public boolean usesTransformer() {
        return transformer;
    }

    /** Whether the per-instance weights come from an inner optimisation loop (needs {@code arch.n_inner_step}). */
    public boolean isMetaLearning() {
        return meta;
    }

    /** Whether one layer carries instance pattern composers V U (needs {@code arch.rank}). */
    public boolean usesComposers() {
        return this == LOW_RANK_TRANSINR || this == META_LOW_RANK;
    }

    /** Parses {@code arch.type}: the reference names, our enum names and a few aliases; case and '-' ignored. */
    public static ModelType fromYaml(String path, String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ModelType t : values()) {
            if (t.yamlName.equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n) || t.aliases.contains(n)) {
                return t;
            }
        }
        throw new ConfigException(path, name, "one of " + allowed());
    }

    static String allowed() {
        return Arrays.stream(values()).map(ModelType::yamlName).collect(Collectors.joining(", "));
    }
}
