package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The named parameters of a model (the pattern composition rule, composer inits, buffers), living in one
 * long-lived {@link NDManager}.
 *
 * <p>Native-memory rule: a training step never computes on these arrays directly, because DJL attaches the result
 * of an operation to the manager of its first operand, and results would pile up in this long-lived manager. A step
 * first calls {@link #bind(NDManager)} to get step-scoped views of every parameter (gradients still flow to the
 * parameters), so everything the step computes is freed when the step's manager closes.
 */
public final class ParameterSet implements AutoCloseable {

    private final NDManager manager;
    private final DataType dataType;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Set<String> trainable = new LinkedHashSet<>();

    public ParameterSet(NDManager parent, DataType dataType) {
        this.manager = parent.newSubManager();
        this.dataType = dataType;
    }

    /** Registers a parameter (moved into this set's manager); trainable ones record gradients. */
    public NDArray add(String name, NDArray value, boolean isTrainable) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is already registered");
        }
        value.attach(manager);
        value.setName(name);
        arrays.put(name, value);
        setTrainable(name, isTrainable);
        return value;
    }

    /** Turns gradient recording of one parameter on or off (for example to fit composers with frozen weights). */
    public void setTrainable(String name, boolean on) {
        NDArray a = require(name);
        if (on) {
            trainable.add(name);
        } else {
            trainable.remove(name);
        }
        a.setRequiresGradient(on);
    }

    public NDArray get(String name) {
        return require(name);
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** All parameters and buffers, in registration order. */
    public Map<String, NDArray> all() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Names of the parameters that receive gradients, in registration order. */
    public Set<String> trainableNames() {
        return Collections.unmodifiableSet(trainable);
    }

    public NDManager manager() {
        return manager;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Number of scalar values over all trainable parameters. */
    public long trainableSize() {
        return trainable.stream().mapToLong(n -> arrays.get(n).size()).sum();
    }

    /** Resets the accumulated gradient of every trainable parameter (the engine accumulates across steps). */
    public void zeroGradients() {
        for (String n : trainable) {
            JniUtils.zeroGrad((PtNDArray) arrays.get(n));
        }
    }

    /**
     * Step-scoped views of every parameter, attached to {@code scope}. Call it inside the step's gradient
     * collector so the views are recorded by autograd.
     */
    public Bound bind(NDManager scope) {
        Map<String, NDArray> views = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            views.put(e.getKey(), view(e.getValue(), scope));
        }
        return new Bound(views, scope);
    }

    /**
     * A view of any long-lived array (data, grids) attached to {@code scope}, so that operations starting from it
     * leave their results in the step's manager.
     */
    public static NDArray view(NDArray array, NDManager scope) {
        NDArray v = array.reshape(array.getShape());
        v.attach(scope);
        return v;
    }

    private NDArray require(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + arrays.keySet());
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Step-scoped views of a {@link ParameterSet}; valid until the scope closes. */
    public static final class Bound {
        private final Map<String, NDArray> views;
        private final NDManager scope;

        Bound(Map<String, NDArray> views, NDManager scope) {
            this.views = views;
            this.scope = scope;
        }

        public NDArray get(String name) {
            NDArray a = views.get(name);
            if (a == null) {
                throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + views.keySet());
            }
            return a;
        }

        /** The manager everything computed in this step belongs to. */
        public NDManager scope() {
            return scope;
        }
    }
}
