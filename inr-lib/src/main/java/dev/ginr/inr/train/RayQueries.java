package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.model.GeneralizableInr;
import dev.ginr.inr.model.Observation;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.render.RadianceField;
import dev.ginr.inr.render.Rays;
import dev.ginr.inr.render.VolumeRenderer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query rays of a batch of scenes and the colours seen along them: each instance's hyponet is the radiance field
 * of its scene (3-D point -> RGB logits and density), rendered by the {@link VolumeRenderer} (stratified samples,
 * jittered while training, alpha compositing over white) in chunks of rays.
 *
 * @param observed what the model sees: the support views with their rays
 * @param rays     (B, R, 3) origins and directions
 * @param targets  (B, R, 3) the colours of the query pixels, or null when only rendering
 * @param renderer sampling and compositing
 * @param jitter   jitter the sample depths (training)
 */
record RayQueries(Observation observed, Rays rays, NDArray targets, VolumeRenderer renderer, boolean jitter)
        implements QueryBatch {

    /**
     * (B, R, 3). Outside autograd the renderer closes each chunk's scope, so the field binds the parameters and the
     * instance weights into the chunk's own scope: nothing of a chunk outlives it.
     */
    @Override
    public NDArray render(GeneralizableInr model, ParameterSet.Bound p, Map<Integer, NDArray> instanceWeights) {
        RadianceField field = points -> { // (B, P, 3) -> (B, P, 4)
            NDManager chunk = points.getManager();
            if (chunk == p.scope()) {
                return model.render(p, instanceWeights, points);
            }
            Map<Integer, NDArray> local = new LinkedHashMap<>();
            instanceWeights.forEach((layer, w) -> local.put(layer, ParameterSet.view(w, chunk)));
            return model.render(model.parameters().bind(chunk), local, points);
        };
        return renderer.render(field, rays, jitter);
    }
}
