package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.nn.ParameterSet;

import java.nio.file.Path;
import java.util.Map;

/** Loading a model's parameters from a {@link Checkpoint}, checking names and shapes. */
public final class Checkpoints {

    private Checkpoints() {}

    /** Copies every parameter of {@code params} from {@code tensors}; names and shapes must match. */
    public static void loadParameters(ParameterSet params, Map<String, NDArray> tensors, Path source) {
        for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
            NDArray saved = tensors.get(e.getKey());
            if (saved == null) {
                throw new IllegalArgumentException("checkpoint " + source + " lacks parameter '" + e.getKey() + "'");
            }
            NDArray target = e.getValue();
            if (!saved.getShape().equals(target.getShape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has shape " + saved.getShape()
                        + " in " + source + " but " + target.getShape() + " in the model");
            }
            target.set(saved.toType(target.getDataType(), false).toByteBuffer());
        }
    }

    /** Loads only the model parameters of a checkpoint file into {@code params}. */
    public static Map<String, String> loadParameters(ParameterSet params, Path file) {
        try (NDManager scope = params.manager().newSubManager()) {
            Checkpoint.Contents c = Checkpoint.read(file, scope);
            loadParameters(params, c.tensors(), file);
            return c.metadata();
        }
    }
}
