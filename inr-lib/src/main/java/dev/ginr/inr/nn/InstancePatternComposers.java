package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.HyponetConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Instance pattern composers (PAPER.md §1): for each modulated layer m, the weight of instance n is
 * W_m(n) = V(n) U_m, with V(n) of shape (fan_in, r) given per instance and U_m of shape (r, fan_out) shared,
 * initialised N(0, 1) / sqrt(r fan_in). The product replaces the layer's weight rows; its bias stays shared.
 *
 * <p>As in the reference, the rank of a layer is capped at its width: r = min({@code arch.rank}, fan_out) (at the
 * 3-wide output layer of an image hyponet, r = 3), and the layers are kept in ascending index order.
 */
public final class InstancePatternComposers {

    private final HyponetConfig hyponet;
    private final Map<Integer, Integer> rankByLayer;

    /** Validates ranks and layer indices against the hyponet before anything is allocated. */
    public InstancePatternComposers(HyponetConfig hyponet, ComposerConfig config) {
        config.validateAgainst(hyponet);
        this.hyponet = hyponet;
        Map<Integer, Integer> ranks = new TreeMap<>();
        config.rankByLayer().forEach((layer, r) -> ranks.put(layer, Math.min(r, hyponet.fanOut(layer))));
        this.rankByLayer = Collections.unmodifiableMap(ranks);
    }

    public static String sharedFactorName(int layer) {
        return "composers.U" + layer;
    }

    /** The modulated layers in ascending order (their weight comes from the composers). */
    public Set<Integer> layers() {
        return rankByLayer.keySet();
    }

    /** The effective rank r = min(arch.rank, fan_out) of a modulated layer. */
    public int rank(int layer) {
        Integer r = rankByLayer.get(layer);
        if (r == null) {
            throw new IllegalArgumentException("layer " + layer + " is not modulated; modulated: " + layers());
        }
        return r;
    }

    /** Shape of one instance's composer V for {@code layer}: (fan_in, r). */
    public Shape composerShape(int layer) {
        return new Shape(hyponet.fanIn(layer), rank(layer));
    }

    /** Creates and registers U_m for every modulated layer. */
    public void register(ParameterSet params) {
        for (int layer : layers()) {
            int r = rank(layer);
            int fanIn = hyponet.fanIn(layer);
            float std = (float) (1.0 / Math.sqrt((double) r * fanIn));
            NDArray u = params.manager().randomNormal(0f, std, new Shape(r, hyponet.fanOut(layer)),
                    params.dataType()); // (r, fan_out)
            params.add(sharedFactorName(layer), u, true);
        }
    }

    /** W(n) = V(n) U for one layer: V (B, fan_in, r) x U (r, fan_out) -> (B, fan_in, fan_out). */
    public NDArray compose(ParameterSet.Bound p, int layer, NDArray composers) {
        Shape s = composers.getShape();
        Shape expected = composerShape(layer);
        if (s.dimension() != 3 || s.get(1) != expected.get(0) || s.get(2) != expected.get(1)) {
            throw new IllegalArgumentException("composers of layer " + layer + " have shape " + s + "; expected (B, "
                    + expected.get(0) + ", " + expected.get(1) + ")");
        }
        return composers.matMul(p.get(sharedFactorName(layer))); // (B, fan_in, fan_out)
    }

    /** The per-instance weights of all modulated layers, ready for {@link ModulatedMlp#forward}. */
    public Map<Integer, NDArray> instanceWeights(ParameterSet.Bound p, Map<Integer, NDArray> composersByLayer) {
        Map<Integer, NDArray> w = new LinkedHashMap<>();
        for (int layer : layers()) {
            NDArray v = composersByLayer.get(layer);
            if (v == null) {
                throw new IllegalArgumentException("missing composers V for modulated layer " + layer);
            }
            w.put(layer, compose(p, layer, v));
        }
        return w;
    }
}
