package dev.ginr.inr.data.scene;

import java.util.SplittableRandom;

/**
 * One training or evaluation example of novel view synthesis (the reference's {@code LearnitShapenet} item): some
 * views of one object shown to the model (support) and other views of it to predict (query), drawn without
 * replacement from a range of its views.
 *
 * @param objectId the object
 * @param support  the support views, N of them
 * @param query    the query views, Q of them
 */
public record SceneEpisode(String objectId, ViewImages support, ViewImages query) {

    /**
     * Draws {@code nSupport + nQuery} distinct views among views [from, min(to, count)) of {@code object}: the
     * first {@code nSupport} drawn are the support views, the rest the query views.
     *
     * @throws SceneDataException naming the object's pose file when the range holds too few views
     */
    public static SceneEpisode draw(SceneObject object, SplittableRandom random, int nSupport, int nQuery, int from,
                                    int to, int resolution) {
        return draw(object, random, nSupport, nQuery, from, to, new ViewCache(resolution, 0));
    }

    /** As {@link #draw(SceneObject, SplittableRandom, int, int, int, int, int)}, the views taken from {@code views}. */
    public static SceneEpisode draw(SceneObject object, SplittableRandom random, int nSupport, int nQuery, int from,
                                    int to, ViewCache views) {
        if (nSupport < 1 || nQuery < 1) {
            throw new IllegalArgumentException("a scene needs at least one support and one query view, got "
                    + nSupport + " and " + nQuery);
        }
        int end = Math.min(to, object.views().size());
        int available = end - from;
        int needed = nSupport + nQuery;
        if (from < 0 || available < needed) {
            throw new SceneDataException(object.transformsFile(), "has " + Math.max(0, available) + " views in ["
                    + from + ", " + to + ") but a scene needs " + needed + " (" + nSupport + " support + " + nQuery
                    + " query views)");
        }
        int[] pool = new int[available];
        for (int k = 0; k < available; k++) {
            pool[k] = from + k;
        }
        for (int k = 0; k < needed; k++) { // partial Fisher-Yates: the first `needed` entries are a uniform draw
            int j = k + random.nextInt(available - k);
            int t = pool[k];
            pool[k] = pool[j];
            pool[j] = t;
        }
        int[] support = java.util.Arrays.copyOfRange(pool, 0, nSupport);
        int[] query = java.util.Arrays.copyOfRange(pool, nSupport, needed);
        return new SceneEpisode(object.id(), views.load(object, support), views.load(object, query));
    }
}
