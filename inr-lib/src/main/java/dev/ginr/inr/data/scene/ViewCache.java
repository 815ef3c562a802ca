package dev.ginr.inr.data.scene;

import dev.ginr.inr.render.Camera;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded views of a multi-view set at one resolution, kept between episodes up to a budget of bytes (the least
 * recently used view goes first). A training run draws the same few thousand views again and again: the offline
 * set at 32 x 32 (87 objects x 30 views) is 27 MB of floats, decoded once instead of 16 PNGs per step; a set that
 * does not fit (the ShapeNet renders: about 45 GB at 128 x 128) is decoded per episode beyond the budget.
 *
 * <p>Not thread-safe: one per data set.
 */
public final class ViewCache {

    /** The budget of {@link #forResolution}: an eighth of the heap, at most 512 MB. */
    private static final long DEFAULT_BUDGET_FRACTION = 8;
    private static final long DEFAULT_BUDGET_CAP = 512L << 20;

    private final int resolution;
    private final long budgetBytes;
    private final Map<Key, ViewImages> views = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    private record Key(Path image, int view) {}

    /**
     * @param resolution  the side S every view is loaded at
     * @param budgetBytes floats kept at most, in bytes (0: decode every time)
     */
    public ViewCache(int resolution, long budgetBytes) {
        this.resolution = resolution;
        this.budgetBytes = budgetBytes;
    }

    /** A cache for views of side {@code resolution} with the default budget. */
    public static ViewCache forResolution(int resolution) {
        long heap = Runtime.getRuntime().maxMemory();
        return new ViewCache(resolution, Math.min(DEFAULT_BUDGET_CAP, heap / DEFAULT_BUDGET_FRACTION));
    }

    public int resolution() {
        return resolution;
    }

    /** Views {@code indices} of {@code object}, as {@link ViewImages#load} gives them. */
    public ViewImages load(SceneObject object, int[] indices) {
        float[] rgb = new float[indices.length * resolution * resolution * 3];
        List<Camera> cameras = new ArrayList<>(indices.length);
        for (int k = 0; k < indices.length; k++) {
            ViewImages one = view(object, indices[k]);
            System.arraycopy(one.rgb(), 0, rgb, k * one.rgb().length, one.rgb().length);
            cameras.add(one.cameras().get(0));
        }
        return new ViewImages(rgb, cameras, resolution);
    }

    private ViewImages view(SceneObject object, int index) {
        Key key = new Key(object.views().get(index).image(), index);
        ViewImages v = views.get(key);
        if (v != null) {
            return v;
        }
        v = ViewImages.load(object, new int[] {index}, resolution);
        long size = (long) v.rgb().length * Float.BYTES;
        if (size <= budgetBytes) {
            views.put(key, v);
            bytes += size;
            var oldest = views.entrySet().iterator();
            while (bytes > budgetBytes && oldest.hasNext()) {
                bytes -= (long) oldest.next().getValue().rgb().length * Float.BYTES;
                oldest.remove();
            }
        }
        return v;
    }
}
