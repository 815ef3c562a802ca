package dev.ginr.inr.data.scene;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.data.HostStaging;
import dev.ginr.inr.render.Camera;
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
        int b = episodes.size();
        return new SceneBatch(
                staging.upload(manager, concat(episodes, true), new Shape(b, n, (long) s * s, 3)),
                staging.upload(manager, poses(episodes, true, n), new Shape(b, n, 3, 4)),
                staging.upload(manager, focals(episodes, true, n), new Shape(b, n)),
                staging.upload(manager, concat(episodes, false), new Shape(b, q, (long) s * s, 3)),
                staging.upload(manager, poses(episodes, false, q), new Shape(b, q, 3, 4)),
                staging.upload(manager, focals(episodes, false, q), new Shape(b, q)), s);
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

    private static float[] concat(List<SceneEpisode> episodes, boolean support) {
        int per = (support ? episodes.get(0).support() : episodes.get(0).query()).rgb().length;
        float[] out = new float[episodes.size() * per];
        for (int i = 0; i < episodes.size(); i++) {
            ViewImages v = support ? episodes.get(i).support() : episodes.get(i).query();
            System.arraycopy(v.rgb(), 0, out, i * per, per);
        }
        return out;
    }

    private static float[] poses(List<SceneEpisode> episodes, boolean support, int views) {
        float[] out = new float[episodes.size() * views * 12];
        for (int i = 0; i < episodes.size(); i++) {
            List<Camera> cams = (support ? episodes.get(i).support() : episodes.get(i).query()).cameras();
            for (int k = 0; k < views; k++) {
                double[] p = cams.get(k).pose();
                for (int j = 0; j < 12; j++) {
                    out[(i * views + k) * 12 + j] = (float) p[j];
                }
            }
        }
        return out;
    }

    private static float[] focals(List<SceneEpisode> episodes, boolean support, int views) {
        float[] out = new float[episodes.size() * views];
        for (int i = 0; i < episodes.size(); i++) {
            List<Camera> cams = (support ? episodes.get(i).support() : episodes.get(i).query()).cameras();
            for (int k = 0; k < views; k++) {
                out[i * views + k] = (float) cams.get(k).focal();
            }
        }
        return out;
    }
}
