package dev.ginr.inr.data.scene;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.render.Rays;

import java.util.List;

/**
 * A batch of {@link SceneEpisode}s as tensors, laid out as the reference's NeRF trainer reads them (channel-last
 * here): support images (B, N, S S, 3), support poses (B, N, 3, 4) and focal lengths (B, N); the same for the
 * query views with Q in place of N.
 *
 * @param supportImages (B, N, S S, 3)
 * @param supportPoses  (B, N, 3, 4)
 * @param supportFocals (B, N)
 * @param queryImages   (B, Q, S S, 3)
 * @param queryPoses    (B, Q, 3, 4)
 * @param queryFocals   (B, Q)
 * @param size          S
 */
public record SceneBatch(NDArray supportImages, NDArray supportPoses, NDArray supportFocals, NDArray queryImages,
                         NDArray queryPoses, NDArray queryFocals, int size) {

    /** Uploads {@code episodes} (all with the same N, Q and S) to {@code manager} through {@code staging}. */
    public static SceneBatch upload(NDManager manager, List<SceneEpisode> episodes, HostStaging staging) {
        SceneEpisode first = episodes.get(0);
        int n = first.support().count();
        int q = first.query().count();
        int s = first.support().size();
        for (SceneEpisode e : episodes) {
            if (e.support().count() != n || e.query().count() != q || e.support().size() != s
                    || e.query().size() != s) {
                throw new IllegalArgumentException("episodes of one batch must share view counts and size: "
                        + e.objectId() + " has " + e.support().count() + " + " + e.query().count() + " views of "
                        + e.support().size() + ", the first has " + n + " + " + q + " of " + s);
            }
        }
        Views support = Views.upload(manager, episodes.stream().map(SceneEpisode::support).toList(), staging);
        Views query = Views.upload(manager, episodes.stream().map(SceneEpisode::query).toList(), staging);
        return new SceneBatch(support.images(), support.poses(), support.focals(), query.images(), query.poses(),
                query.focals(), s);
    }

    /**
     * Views of B scenes as tensors.
     *
     * @param images (B, N, S S, 3)
     * @param poses  (B, N, 3, 4)
     * @param focals (B, N)
     */
    public record Views(NDArray images, NDArray poses, NDArray focals) {

        /** Uploads the views of B scenes, N views of side S each, through {@code staging}. */
        public static Views upload(NDManager manager, List<ViewImages> scenes, HostStaging staging) {
            int b = scenes.size();
            int n = scenes.get(0).count();
            int s = scenes.get(0).size();
            float[] rgb = new float[b * n * s * s * 3];
            float[] poses = new float[b * n * 12];
            float[] focals = new float[b * n];
            for (int i = 0; i < b; i++) {
                ViewImages v = scenes.get(i);
                System.arraycopy(v.rgb(), 0, rgb, i * n * s * s * 3, n * s * s * 3);
                for (int k = 0; k < n; k++) {
                    double[] p = v.cameras().get(k).pose();
                    for (int j = 0; j < 12; j++) {
                        poses[(i * n + k) * 12 + j] = (float) p[j];
                    }
                    focals[i * n + k] = (float) v.cameras().get(k).focal();
                }
            }
            return new Views(staging.upload(manager, rgb, new Shape(b, n, (long) s * s, 3)),
                    staging.upload(manager, poses, new Shape(b, n, 3, 4)),
                    staging.upload(manager, focals, new Shape(b, n)));
        }
    }

    /** The rays of every query pixel, (B, Q S S, 3), in the order of {@link #queryTargets}. */
    public Rays queryRays() {
        long b = queryImages.getShape().get(0);
        return Rays.fromPoses(queryPoses, queryFocals, size, size).flattenViews(b); // (B, Q S S, 3)
    }

    /** The query pixels' colours, (B, Q S S, 3). */
    public NDArray queryTargets() {
        return queryImages.reshape(queryImages.getShape().get(0), -1, 3); // (B, Q S S, 3)
    }
}
