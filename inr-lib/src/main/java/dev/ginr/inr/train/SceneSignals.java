package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.SceneConfig;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.data.scene.SceneBatch;
import dev.ginr.inr.data.scene.SceneDataException;
import dev.ginr.inr.data.scene.SceneEpisode;
import dev.ginr.inr.data.scene.SceneFolder;
import dev.ginr.inr.data.scene.SceneObject;
import dev.ginr.inr.data.scene.ViewCache;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.SupportViewTokenizer;
import dev.ginr.inr.render.Rays;
import dev.ginr.inr.render.StratifiedSampler;
import dev.ginr.inr.render.VolumeRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-view scenes as a {@link SignalSet} (novel view synthesis, PAPER.md §3 and Table 4; the reference's
 * {@code LearnitShapenet} data with its NeRF trainer). A signal is an episode of one object: N support views that the
 * model observes, each pixel with its ray ({@link SupportViewTokenizer#withRays}), and Q query views whose pixels it
 * must render ({@link RayQueries}: stratified samples between {@code near} and {@code far}, the hyponet, volume
 * rendering over white, in chunks of {@code ray_subbatch_size_eval} rays per scene).
 *
 * <ul>
 *   <li>Training ({@link #training}): an epoch visits every training object {@code train_config.repeat} times; the
 *       scene at position j of step s draws its n_support + n_query distinct views from {@code views_range} and its
 *       query rays from (seed, s, j): {@code loss.subsample.train_num_rays} of them, uniformly, or half of them on the
 *       object while the step's 0-based epoch is at most {@code end_epoch_adaptive_sample_ray}
 *       ({@code adaptive_random}, as the reference counts); depths are jittered.</li>
 *   <li>Evaluation ({@link #heldOut}): a fixed list of episodes, every held-out object {@code val_config.repeat}
 *       times with its views drawn from the seed, so a reloaded run scores the same; every query ray, without
 *       jitter. An evaluation during training renders {@code train_num_rays} seeded random rays per scene instead
 *       when {@code experiment.subsample_during_eval} asks for it ({@link SceneConfig#subsamplesEvaluationAfter});
 *       the evaluation at the end of a run renders all.</li>
 * </ul>
 * Views are decoded once and kept in a {@link ViewCache} up to its budget.
 */
public final class SceneSignals implements SignalSet {

    private final List<SceneObject> objects;
    private final SceneConfig scene;
    private final SceneConfig.Views views;
    private final int resolution;
    private final long seed;
    private final boolean subsampled;
    private final ViewCache cache;
    private final VolumeRenderer renderer;
    private String fingerprint;

    private SceneSignals(List<SceneObject> objects, SceneConfig scene, SceneConfig.Views views, int resolution,
                         long seed, boolean subsampled, ViewCache cache) {
        this.objects = List.copyOf(objects);
        this.scene = scene;
        this.views = views;
        this.resolution = resolution;
        this.seed = seed;
        this.subsampled = subsampled;
        this.cache = cache;
        this.renderer = new VolumeRenderer(new StratifiedSampler(scene.near(), scene.far(), scene.samplesPerRay()),
                scene.evalRayChunk());
    }

    /**
     * The training objects of {@code folder} with the spec's training views ({@code dataset.train_config}).
     *
     * @throws SceneDataException naming the pose file of an object whose views cannot make a scene
     */
    public static SceneSignals training(SceneFolder folder, ExperimentSpec spec) {
        return of(folder.train(), spec, requireScene(spec).train());
    }

    /**
     * The held-out objects of {@code folder} with the spec's evaluation views ({@code dataset.val_config}).
     *
     * @throws SceneDataException naming the pose file of an object whose views cannot make a scene
     */
    public static SceneSignals heldOut(SceneFolder folder, ExperimentSpec spec) {
        return of(folder.test(), spec, requireScene(spec).eval());
    }

    private static SceneSignals of(List<SceneObject> objects, ExperimentSpec spec, SceneConfig.Views views) {
        int resolution = spec.dataset().resolution();
        for (SceneObject o : objects) {
            requireUsable(o, views, resolution);
        }
        return new SceneSignals(objects, spec.dataset().scene(), views, resolution, spec.experiment().seed(), false,
                ViewCache.forResolution(resolution));
    }

    private static SceneConfig requireScene(ExperimentSpec spec) {
        if (!spec.dataset().isScene()) {
            throw new IllegalArgumentException(spec.source() + " is not a novel view synthesis experiment (its "
                    + "dataset has no train_config / val_config of scenes)");
        }
        return spec.dataset().scene();
    }

    /** Fails naming the object's pose file unless its views can make the scenes of {@code views}. */
    private static void requireUsable(SceneObject o, SceneConfig.Views views, int resolution) {
        int usable = Math.max(0, Math.min(views.viewsTo(), o.views().size()) - views.viewsFrom());
        int needed = views.nSupport() + views.nQuery();
        if (usable < needed) {
            String range = views.allViews() ? "" : " in dataset." + views.section() + ".views_range ["
                    + views.viewsFrom() + ", " + views.viewsTo() + ")";
            throw new SceneDataException(o.transformsFile(), "has " + usable + " views" + range + " but a scene of "
                    + "dataset." + views.section() + " needs " + needed + " (" + views.nSupport() + " support + "
                    + views.nQuery() + " query views)");
        }
        if (o.size() % resolution != 0) {
            throw new SceneDataException(o.transformsFile(), "has views of " + o.size() + " x " + o.size()
                    + ", which dataset.resolution = " + resolution + " does not divide; allowed: a divisor of "
                    + o.size());
        }
    }

    public List<SceneObject> objects() {
        return objects;
    }

    public SceneConfig scene() {
        return scene;
    }

    /** The side S of the views as the model sees them. */
    public int resolution() {
        return resolution;
    }

    @Override
    public int count() {
        return objects.size() * views.repeat();
    }

    /** Episode {@code e} of an evaluation: object e mod n with its views drawn from (seed, e). */
    public SceneEpisode episode(int e) {
        if (e < 0 || e >= count()) {
            throw new IllegalArgumentException("episode " + e + " is not in [0, " + count() + ")");
        }
        return draw(e % objects.size(), evaluationRandom(e));
    }

    /**
     * PSNR of the all-white prediction on the query views of every evaluation episode: the score of a model that has
     * learnt only the background.
     */
    public double[] whitePsnr() {
        double[] out = new double[count()];
        for (int e = 0; e < out.length; e++) {
            float[] rgb = episode(e).query().rgb();
            double se = 0;
            for (float v : rgb) {
                se += (1.0 - v) * (1.0 - v);
            }
            out[e] = Metrics.psnr(se / rgb.length);
        }
        return out;
    }

    /**
     * SHA-256 of the settings and of the files the views are read from: each object's id, pose file and the PNGs of
     * its views in range.
     */
    @Override
    public String fingerprint() {
        if (fingerprint == null) {
            MessageDigest sha = Provenance.sha256();
            sha.update(("scenes at " + resolution + " x " + resolution + ", views [" + views.viewsFrom() + ", "
                    + views.viewsTo() + ") x " + views.repeat() + "\n").getBytes(StandardCharsets.UTF_8));
            for (SceneObject o : objects) {
                sha.update((o.id() + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes(o.transformsFile()));
                for (int k = views.viewsFrom(); k < Math.min(views.viewsTo(), o.views().size()); k++) {
                    sha.update(bytes(o.views().get(k).image()));
                }
            }
            fingerprint = Provenance.digest(sha);
        }
        return fingerprint;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SceneDataException(file, "cannot be read: " + e.getMessage());
        }
    }

    @Override
    public QueryBatch trainingBatch(int[] indices, long step, TrainingPlan plan, NDManager scope,
                                    HostStaging staging) {
        boolean adaptive = scene.raySampling() == SceneConfig.RaySampling.ADAPTIVE_RANDOM
                && (step - 1) * plan.batchSize() / count() <= scene.adaptiveEpochs();
        List<SceneEpisode> episodes = new ArrayList<>();
        List<int[]> rays = new ArrayList<>();
        for (int j = 0; j < indices.length; j++) {
            SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + step * 7919L + j * 104_729L);
            SceneEpisode e = draw(indices[j] % objects.size(), random);
            episodes.add(e);
            rays.add(scene.raySampling() == SceneConfig.RaySampling.ALL ? null : adaptive
                    ? RaySubsampler.foregroundHeavy(random, e.query().rgb(), scene.trainRays())
                    : RaySubsampler.uniform(random, e.query().rgb().length / 3, scene.trainRays()));
        }
        return queries(episodes, rays, true, scope, staging);
    }

    @Override
    public QueryBatch evaluationBatch(int from, int to, NDManager scope, HostStaging staging) {
        List<SceneEpisode> episodes = new ArrayList<>();
        List<int[]> rays = new ArrayList<>();
        for (int e = from; e < to; e++) {
            SceneEpisode episode = episode(e);
            episodes.add(episode);
            rays.add(subsampled ? RaySubsampler.uniform(new SplittableRandom(evaluationSeed(e) + 1),
                    episode.query().rgb().length / 3, scene.trainRays()) : null);
        }
        return queries(episodes, rays, false, scope, staging);
    }

    /** With {@code experiment.subsample_during_eval}, the same episodes rendered on seeded random rays. */
    @Override
    public SignalSet duringTraining(long epochsDone) {
        return scene.subsamplesEvaluationAfter(epochsDone)
                ? new SceneSignals(objects, scene, views, resolution, seed, true, cache) : this;
    }

    /** The scenes' support views as the model observes them, and their query rays ({@code rays} null = all). */
    private QueryBatch queries(List<SceneEpisode> episodes, List<int[]> rays, boolean training, NDManager scope,
                               HostStaging staging) {
        SceneBatch b = SceneBatch.upload(scope, episodes, staging);
        Observation observed = observe(new SceneBatch.Views(b.supportImages(), b.supportPoses(), b.supportFocals()),
                resolution);
        Rays all = b.queryRays(); // (B, Q S S, 3)
        NDArray targets = b.queryTargets(); // (B, Q S S, 3)
        if (rays.get(0) != null) {
            NDArray index = flatIndex(rays, all.count(), scope, staging); // (B r)
            int r = rays.get(0).length;
            all = new Rays(take(all.origins(), index, r), take(all.directions(), index, r));
            targets = take(targets, index, r);
        }
        return new RayQueries(observed, all, targets, renderer, training);
    }

    /**
     * What the model observes of the support views of B scenes: each pixel's RGB, ray origin and ray direction,
     * (B, N S S, 9) on the grid {N, S, S}; no coordinates (the queries are rays).
     */
    static Observation observe(SceneBatch.Views support, int resolution) {
        NDArray nine = SupportViewTokenizer.withRays(support.images(), support.poses(), support.focals(),
                resolution, resolution); // (B, N, S S, 9)
        Shape s = nine.getShape();
        return new Observation(nine.reshape(s.get(0), s.get(1) * s.get(2), s.get(3)), null,
                new int[] {(int) s.get(1), resolution, resolution}); // (B, N S S, 9)
    }

    /** The renderer of this set's rays: its near and far bounds, points per ray and chunk of rays. */
    VolumeRenderer renderer() {
        return renderer;
    }

    /** Row b, ray k -> b R + k, as a (B r) int64 index into the rays of all scenes. */
    private static NDArray flatIndex(List<int[]> rays, long perScene, NDManager scope, HostStaging staging) {
        int r = rays.get(0).length;
        float[] flat = new float[rays.size() * r];
        for (int b = 0; b < rays.size(); b++) {
            for (int k = 0; k < r; k++) {
                flat[b * r + k] = b * perScene + rays.get(b)[k]; // exact: below 2^24 rays per batch
            }
        }
        if (rays.size() * perScene >= 1 << 24) {
            throw new IllegalArgumentException("a batch of " + rays.size() + " scenes x " + perScene + " query rays "
                    + "is too large to subsample (at most 2^24 rays per batch)");
        }
        return staging.upload(scope, flat, new Shape(flat.length)).toType(DataType.INT64, false);
    }

    /** (B, R, 3) -> the rows of {@code index}: (B, r, 3). */
    private static NDArray take(NDArray perScene, NDArray index, int r) {
        Shape s = perScene.getShape();
        return perScene.reshape(s.get(0) * s.get(1), s.get(2)).get(index).reshape(s.get(0), r, s.get(2)); // (B, r, 3)
    }

    private SceneEpisode draw(int object, SplittableRandom random) {
        return SceneEpisode.draw(objects.get(object), random, views.nSupport(), views.nQuery(), views.viewsFrom(),
                views.viewsTo(), cache);
    }

    private SplittableRandom evaluationRandom(int e) {
        return new SplittableRandom(evaluationSeed(e));
    }

    private long evaluationSeed(int e) {
        return seed * 31L + e * 7919L + 0x5eedL;
    }
}
