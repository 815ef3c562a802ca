package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.GradMode;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.data.scene.SceneBatch;
import dev.ginr.inr.data.scene.SceneEpisode;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.render.Rays;
import dev.ginr.inr.render.Viewpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Novel view synthesis as a user sees it (PAPER.md Table 4): the model reads the support views of one scene,
 * predicts that scene's hyponet (its radiance field) and renders it from any cameras by volume rendering over white,
 * in chunks of rays and without autograd, so a 128 x 128 view needs the memory of one chunk.
 */
public final class NovelViews {

    private NovelViews() {}

    /**
     * Views of the scene of {@code episode} (its support views observed) seen from {@code cameras}, all of one image
     * size H x W: one float[H W 3] per camera, channel-last in [0, 1], as {@code data.Images#fromRgb} reads them.
     *
     * @param set the set the episode comes from: its resolution, ray bounds, points per ray and ray chunk
     */
    public static List<float[]> render(GeneralizableInr model, SceneSignals set, SceneEpisode episode,
                                       List<Camera> cameras) {
        return GradMode.off(() -> renderNoGrad(model, set, episode, cameras));
    }

    /**
     * {@code frames} cameras evenly around the vertical axis through the origin, at the distance and elevation of
     * {@code like}, with {@code k} times its image side and focal length (a turntable of novel views).
     */
    public static List<Camera> turntable(Camera like, int frames, int k) {
        double[] c = like.center();
        double radius = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        double elevation = Math.asin(c[2] / radius);
        return Viewpoints.turntable(frames, radius, elevation, like.focal() * k, like.width() * k);
    }

    private static List<float[]> renderNoGrad(GeneralizableInr model, SceneSignals set, SceneEpisode episode,
                                              List<Camera> cameras) {
        try (NDManager scope = model.parameters().manager().newSubManager()) {
            SceneBatch.Views support = SceneBatch.Views.upload(scope, List.of(episode.support()),
                    new HostStaging());
            Observation observed = SceneSignals.observe(support, set.resolution()); // (1, N S S, 9)
            ParameterSet.Bound p = model.parameters().bind(scope);
            Map<Integer, NDArray> weights = model.instanceWeights(p, observed, false);
            List<float[]> out = new ArrayList<>(cameras.size());
            for (Camera camera : cameras) {
                Rays rays = Rays.of(scope, List.of(camera)); // (1, H W, 3)
                NDArray rgb = new RayQueries(observed, rays, null, set.renderer(), false)
                        .render(model, p, weights); // (1, H W, 3)
                out.add(rgb.toFloatArray());
                rgb.close();
                rays.origins().close();
                rays.directions().close();
            }
            return out;
        }
    }
}
