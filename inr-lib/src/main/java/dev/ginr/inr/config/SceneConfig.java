package dev.ginr.inr.config;

import java.util.Locale;

/**
 * Novel view synthesis settings of a multi-view data set (the reference's NeRF configs: {@code dataset.train_config},
 * {@code dataset.val_config}, {@code arch.coord_sampler}, {@code loss.subsample}, {@code experiment
 * .ray_subbatch_size_eval}, {@code subsample_during_eval}, {@code test_all_rays_freq}). Present on
 * {@link DatasetConfig#scene()} when the data are scenes. Every setting is honoured by {@code train.SceneSignals}.
 *
 * @param category       the object category folder (chairs, cars, lamps; from {@code LearnitShapenet-<category>}
 *                       or {@code dataset.category})
 * @param train          views per training scene ({@code dataset.train_config})
 * @param eval           views per evaluation scene ({@code dataset.val_config})
 * @param near           first ray depth ({@code dataset.near}; the reference's fixed z_range starts at 2)
 * @param far            last ray depth ({@code dataset.far}; 6 in the reference)
 * @param samplesPerRay  points per ray ({@code arch.coord_sampler.num_points_per_ray}, 128)
 * @param raySampling    which query rays a training step renders ({@code loss.subsample.type})
 * @param trainRays      query rays per scene at training time ({@code loss.subsample.train_num_rays}, 128; 0 = all)
 * @param adaptiveEpochs the last epoch (0-based, as the reference counts) of foreground-heavy ray sampling
 *                       ({@code end_epoch_adaptive_sample_ray}, 1: the first two epochs)
 * @param evalRayChunk   rays rendered at once per scene ({@code experiment.ray_subbatch_size_eval}, 1024)
 * @param subsampleDuringEval held-out evaluations during training render {@code trainRays} random rays per scene
 *                       instead of all ({@code experiment.subsample_during_eval}; the reference's default run);
 *                       the evaluation at the end of a run and every evaluation outside training render all rays
 * @param testAllRaysFreq with {@code subsampleDuringEval}, an evaluation during training still renders all rays
 *                       when the epochs completed are a multiple of this ({@code experiment.test_all_rays_freq};
 *                       0 = never)
 */
public record SceneConfig(String category, Views train, Views eval, double near, double far, int samplesPerRay,
                          RaySampling raySampling, int trainRays, int adaptiveEpochs, int evalRayChunk,
                          boolean subsampleDuringEval, int testAllRaysFreq) {

    /** The side of the Learned Init authors' ShapeNet renders, the default {@code dataset.resolution} of scenes. */
    public static final int LEARNIT_VIEW_SIZE = 128;

    /**
     * Query rays of a training step (the reference's {@code RaySubSampler}): all of them, a uniform random subset,
     * or during the first epochs half from foreground pixels (not white) and half uniform (TransINR's schedule).
     */
    public enum RaySampling {
        ALL, RANDOM, ADAPTIVE_RANDOM;

        static RaySampling fromYaml(String path, String name) {
            return switch (name == null ? "null" : name.trim().toLowerCase(Locale.ROOT)) {
                case "null", "none" -> ALL;
                case "random" -> RANDOM;
                case "adaptive_random" -> ADAPTIVE_RANDOM;
                default -> throw new ConfigException(path, name, "null, random or adaptive_random");
            };
        }
    }

    /**
     * The views of one scene: {@code nSupport} shown to the model, {@code nQuery} to predict, drawn without
     * replacement from views [viewsFrom, viewsTo) of an object; each object appears {@code repeat} times per epoch.
     *
     * @param section {@code train_config} or {@code val_config}, the YAML section these come from
     * @param viewsTo end of the view range, {@link Integer#MAX_VALUE} for all views ({@code views_range: null})
     */
    public record Views(String section, int nSupport, int nQuery, int repeat, int viewsFrom, int viewsTo) {

        public Views {
            String p = DatasetConfig.PATH + "." + section;
            ConfigException.require(nSupport >= 1, p + ".n_support", nSupport, "at least 1 support view (the paper: "
                    + "1 to 5)");
            ConfigException.require(nQuery >= 1, p + ".n_query", nQuery, "at least 1 query view");
            ConfigException.require(repeat >= 1, p + ".repeat", repeat, "at least 1 pass over the objects per epoch");
            ConfigException.require(viewsFrom >= 0 && viewsTo - viewsFrom >= nSupport + nQuery, p + ".views_range",
                    "[" + viewsFrom + ", " + viewsTo + "]", "a range [from, to) holding at least n_support + n_query"
                            + " = " + (nSupport + nQuery) + " views");
        }

        /** The same views with {@code k} support views. */
        public Views withSupport(int k) {
            return new Views(section, k, nQuery, repeat, viewsFrom, viewsTo);
        }

        /** Whether the range is all views of an object ({@code views_range: null}). */
        public boolean allViews() {
            return viewsFrom == 0 && viewsTo == Integer.MAX_VALUE;
        }
    }

    public SceneConfig {
        ConfigException.require(category != null && !category.isBlank(), DatasetConfig.PATH + ".type", category,
                "LearnitShapenet-<category> or a dataset.category (chairs, cars, lamps, ...)");
        ConfigException.require(train != null && eval != null, DatasetConfig.PATH + ".val_config", null,
                "the views of training and evaluation scenes");
        ConfigException.require(eval.nSupport() == train.nSupport(), DatasetConfig.PATH + ".val_config.n_support",
                eval.nSupport(), "dataset.train_config.n_support = " + train.nSupport()
                        + " (the model reads a fixed number of support views)");
        ConfigException.require(near >= 0 && far > near && Double.isFinite(far), DatasetConfig.PATH + ".far", far,
                "a depth beyond dataset.near = " + near);
        ConfigException.require(samplesPerRay >= 2, "arch.coord_sampler.num_points_per_ray", samplesPerRay,
                "at least 2 points per ray");
        ConfigException.require(raySampling != null, "loss.subsample.type", null, "null, random or adaptive_random");
        ConfigException.require(trainRays >= 0, "loss.subsample.train_num_rays", trainRays,
                "a positive number of rays (null for all)");
        ConfigException.require(raySampling == RaySampling.ALL || trainRays > 0, "loss.subsample.train_num_rays",
                trainRays, "a positive number of rays for loss.subsample.type " + raySampling.name().toLowerCase(
                        Locale.ROOT));
        ConfigException.require(adaptiveEpochs >= 0, "loss.subsample.end_epoch_adaptive_sample_ray", adaptiveEpochs,
                "0 or more epochs");
        ConfigException.require(evalRayChunk >= 1, "experiment.ray_subbatch_size_eval", evalRayChunk,
                "a positive number of rays");
        ConfigException.require(!subsampleDuringEval || trainRays > 0, "experiment.subsample_during_eval", true,
                "false when loss.subsample.train_num_rays is null (there is no number of rays to subsample to)");
        ConfigException.require(testAllRaysFreq >= 0, "experiment.test_all_rays_freq", testAllRaysFreq,
                "0 or more epochs");
    }

    /**
     * Whether an evaluation during training after {@code epochsDone} completed epochs renders a random
     * {@link #trainRays} rays per scene rather than all of them.
     */
    public boolean subsamplesEvaluationAfter(long epochsDone) {
        return subsampleDuringEval && (testAllRaysFreq == 0 || epochsDone % testAllRaysFreq != 0);
    }

    /** The same settings with {@code k} support views in training and evaluation scenes. */
    public SceneConfig withSupportViews(int k) {
        return new SceneConfig(category, train.withSupport(k), eval.withSupport(k), near, far, samplesPerRay,
                raySampling, trainRays, adaptiveEpochs, evalRayChunk, subsampleDuringEval, testAllRaysFreq);
    }
}
