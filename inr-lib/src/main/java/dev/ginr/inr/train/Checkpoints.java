package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.ginr.inr.GradMode;
import dev.ginr.inr.nn.ParameterSet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loading a model's parameters and optimiser state from a {@link Checkpoint}, checking that names and shapes match
 * the model exactly; every error names the file and the tensor.
 */
public final class Checkpoints {

    private Checkpoints() {}

    /**
     * Copies every parameter of {@code params} from {@code tensors}; names and shapes must match, and apart from
     * optimiser state the checkpoint may hold no tensor the model lacks.
     */
    public static void loadParameters(ParameterSet params, Map<String, NDArray> tensors, Path source) {
        Set<String> foreign = new TreeSet<>(tensors.keySet());
        foreign.removeIf(n -> n.startsWith(TrainingState.OPTIMIZER_PREFIX) || params.contains(n));
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + source + " holds tensor"
                    + (foreign.size() == 1 ? " " : "s ") + quoted(foreign) + " that this model has no parameter for; "
                    + "was it written for another model?");
        }
        for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
            NDArray saved = tensors.get(e.getKey());
            if (saved == null) {
                throw new IllegalArgumentException("checkpoint " + source + " lacks parameter '" + e.getKey() + "'");
            }
            checkShape(source, e.getKey(), saved, e.getValue());
        }
        // an indexed copy: NDArray.set(Buffer) makes libtorch print a deprecation warning into the user's output
        GradMode.off(() -> params.all().forEach((name, target) -> target.set(new NDIndex("..."),
                tensors.get(name).toType(target.getDataType(), false))));
    }

    /**
     * Adam's moments ({@code optimizer.m/NAME}, {@code optimizer.v/NAME}) from {@code tensors}, checked against the
     * trainable parameters: each moment belongs to one with the same shape, and when {@code expectAll} (the
     * optimiser has stepped) every trainable parameter has both.
     */
    static Map<String, NDArray> optimizerState(ParameterSet params, Map<String, NDArray> tensors, Path source,
                                               boolean expectAll) {
        Map<String, NDArray> state = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (!k.startsWith(TrainingState.OPTIMIZER_PREFIX)) {
                return;
            }
            String entry = k.substring(TrainingState.OPTIMIZER_PREFIX.length());
            String param = entry.length() > 2 ? entry.substring(2) : "";
            if (!(entry.startsWith("m/") || entry.startsWith("v/")) || !params.trainableNames().contains(param)) {
                throw new IllegalArgumentException("checkpoint " + source + ": tensor '" + k + "' is not the Adam "
                        + "moment (optimizer.m/NAME or optimizer.v/NAME) of a trainable parameter of this model");
            }
            checkShape(source, k, v, params.get(param));
            state.put(entry, v);
        });
        if (expectAll) {
            for (String name : params.trainableNames()) {
                for (String moment : List.of("m/", "v/")) {
                    if (!state.containsKey(moment + name)) {
                        throw new IllegalArgumentException("checkpoint " + source + " lacks optimiser state '"
                                + TrainingState.OPTIMIZER_PREFIX + moment + name + "'");
                    }
                }
            }
        }
        return state;
    }

    private static void checkShape(Path source, String name, NDArray saved, NDArray target) {
        if (!saved.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("checkpoint " + source + ": tensor '" + name + "' has shape "
                    + saved.getShape() + " but the model's parameter has shape " + target.getShape());
        }
    }

    private static String quoted(Set<String> names) {
        return names.stream().limit(5).map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("")
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    /** Loads only the model parameters of a checkpoint file into {@code params}; returns its metadata. */
    public static Map<String, String> loadParameters(ParameterSet params, Path file) {
        try (NDManager scope = params.manager().newSubManager()) {
            Checkpoint.Contents c = Checkpoint.read(file, scope);
            loadParameters(params, c.tensors(), file);
            return c.metadata();
        }
    }
}
