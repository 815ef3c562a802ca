package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ginr.inr.nn.ParameterSet;

/**
 * Looks at a training step between back-propagation and the optimiser update ({@link Trainer#setGradientProbe}):
 * the step's loss and every trainable parameter's gradient, as the update will use them. Whatever it creates or
 * reads must belong to {@code scope} (a gradient handle from {@code getGradient()} is new on every call: attach it).
 */
@FunctionalInterface
public interface GradientProbe {

    /**
     * @param step   the 1-based step
     * @param loss   the step's scalar loss
     * @param params the model's parameters, their gradients in place
     * @param scope  the step's manager, closed at the end of the step
     */
    void onGradients(long step, NDArray loss, ParameterSet params, NDManager scope);
}
