package dev.ginr.inr.config;

import java.util.List;
import java.util.Locale;

/**
 * Reads the novel view synthesis keys of a reference NeRF config into a {@link SceneConfig}: the scene views of
 * {@code dataset.train_config} / {@code dataset.val_config}, the ray bounds, {@code arch.coord_sampler}, the ray
 * subsampling of {@code loss.subsample} and the evaluation keys of {@code experiment} ({@code ray_subbatch_size_eval},
 * {@code subsample_during_eval}, {@code test_all_rays_freq}). A config describes scenes
 * when its data set is {@code LearnitShapenet-<category>} or {@code scene_folder}, or has a {@code train_config}.
 */
final class SceneSections {

    private static final String P = DatasetConfig.PATH;
    private static final String E = ExperimentConfig.PATH;
    private static final String SHAPENET = "learnitshapenet";
    /** Our name for a multi-view folder in the same layout (the offline set, or any other). */
    static final String SCENE_FOLDER = "scene_folder";

    private final YamlTree t;

    SceneSections(YamlTree tree) {
        this.t = tree;
    }

    /** Whether the config's data are multi-view scenes. */
    static boolean isScene(YamlTree t) {
        String type = t.string(P + ".type", "").trim().toLowerCase(Locale.ROOT);
        return t.has(P + ".train_config") || type.startsWith(SHAPENET) || type.equals(SCENE_FOLDER);
    }

    /** The scene settings, or null when the data are not scenes. */
    SceneConfig scene() {
        if (!isScene(t)) {
            return null;
        }
        SceneConfig.Views train = views("train_config", "train", 1);
        SceneConfig.Views eval = views("val_config", "test", 100);
        String sub = "loss.subsample";
        t.ignore(sub + ".use_adaptive_sample_ray"); // stored but never read by the reference's sampler
        t.ignore("arch.coord_sampler.coord_range");
        t.ignore("arch.coord_sampler.data_type");
        return new SceneConfig(category(), train, eval, t.number(P + ".near", 2), t.number(P + ".far", 6),
                t.integer("arch.coord_sampler.num_points_per_ray", 128),
                SceneConfig.RaySampling.fromYaml(sub + ".type", t.string(sub + ".type", null)),
                t.integer(sub + ".train_num_rays", 0), t.integer(sub + ".end_epoch_adaptive_sample_ray", 1),
                t.integer(E + ".ray_subbatch_size_eval", 1024), t.bool(E + ".subsample_during_eval", false),
                t.integer(E + ".test_all_rays_freq", 0));
    }

    private String category() {
        String type = t.string(P + ".type", "");
        String fromType = type.toLowerCase(Locale.ROOT).startsWith(SHAPENET) && type.contains("-")
                ? type.substring(type.indexOf('-') + 1) : null;
        return t.string(P + ".category", fromType);
    }

    /** One section's views; {@code views_range} absent or null means all views of an object. */
    private SceneConfig.Views views(String section, String split, int repeat) {
        String p = P + "." + section;
        String s = t.string(p + ".split", split);
        ConfigException.require(s.trim().equals(split), p + ".split", s, split + " (the objects of "
                + (split.equals("train") ? "train_config are the training split" : "val_config are held out") + ")");
        List<Integer> r = t.intList(p + ".views_range");
        if (r != null) {
            ConfigException.require(r.size() == 2, p + ".views_range", r, "[from, to) or null for all views");
        }
        return new SceneConfig.Views(section, t.integer(p + ".n_support", 1), t.integer(p + ".n_query", 1),
                t.integer(p + ".repeat", repeat), r == null ? 0 : r.get(0), r == null ? Integer.MAX_VALUE : r.get(1));
    }
}
