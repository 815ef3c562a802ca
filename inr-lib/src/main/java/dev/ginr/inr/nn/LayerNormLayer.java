package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** Layer normalisation over the last axis with learned scale (init 1) and shift (init 0), eps 1e-5. */
public final class LayerNormLayer {

    private static final float EPS = 1e-5f;

    private final String name;
    private final int dim;

    public LayerNormLayer(String name, int dim) {
        this.name = name;
        this.dim = dim;
    }

    public void register(ParameterSet params) {
        params.add(name + ".gamma", params.manager().ones(new Shape(dim), params.dataType()), true);
        params.add(name + ".beta", params.manager().zeros(new Shape(dim), params.dataType()), true);
    }

    public NDArray apply(ParameterSet.Bound p, NDArray x) {
        return LayerNorm.layerNorm(x, new Shape(dim), p.get(name + ".gamma"), p.get(name + ".beta"), EPS)
                .singletonOrThrow();
    }
}
