package dev.ginr.inr.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.ginr.inr.GinrEngine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Copies host float arrays into engine tensors through one direct buffer that is reused from call to call.
 *
 * <p>Why: DJL's PyTorch engine turns a Java array into a tensor by copying it into a NEW direct {@link ByteBuffer}
 * and wrapping that buffer's memory; the buffer's native memory comes back only when the garbage collector finds
 * the buffer, long after the tensor is closed. A training loop that uploads its batch every step (16 x 1024 x 3
 * floats, 192 KiB, at the small presets; 6 MiB at 178 x 178) therefore piles up native memory between collections:
 * 200 small-preset uploads through {@code NDManager.create(float[], Shape)} left 39 MB of direct buffers waiting for
 * the collector. Here the values go into this object's buffer, the engine copies them into memory it owns, and the
 * wrapping tensor is closed at once, so no step leaves native memory for the collector.
 *
 * <p>Values that are the same at every step (a coordinate grid) are uploaded once per device and kept
 * ({@link #constant}), so that a step on a GPU copies only what changes: on CUDA every host-to-device copy of
 * pageable memory also waits for the kernels queued before it.
 *
 * <p>Not thread-safe: one per training loop. {@link #close} frees the kept constants.
 */
public final class HostStaging implements AutoCloseable {

    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
    private final Map<String, NDArray> constants = new HashMap<>();
    private final Map<ai.djl.Device, NDManager> constantManagers = new HashMap<>();

    /** {@code values} as a float32 tensor of {@code shape}, owned by the engine and attached to {@code manager}. */
    public NDArray upload(NDManager manager, float[] values, Shape shape) {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException("cannot upload " + values.length + " values as shape " + shape);
        }
        int bytes = Math.multiplyExact(values.length, Float.BYTES);
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, 2 * buffer.capacity()));
        }
        ByteBuffer exact = buffer.duplicate().order(ByteOrder.nativeOrder());
        exact.clear().limit(bytes);
        exact = exact.slice().order(ByteOrder.nativeOrder()); // exactly `bytes` long, over the reused memory
        exact.asFloatBuffer().put(values);
        try (NDArray wrapped = manager.create(exact, shape, DataType.FLOAT32)) { // wraps the reused memory
            return wrapped.duplicate(); // the engine's own copy; the wrapper is closed before the buffer is reused
        }
    }

    /**
     * The constant {@code values} (of {@code shape}, the same for this {@code key} at every call) on the device of
     * {@code scope}: uploaded on the first call for the key and device and kept until {@link #close}; returned as a
     * view attached to {@code scope}, so that what is computed from it belongs to the step.
     */
    public NDArray constant(NDManager scope, String key, Shape shape, Supplier<float[]> values) {
        ai.djl.Device device = scope.getDevice();
        NDArray kept = constants.get(key + "@" + device);
        if (kept == null) {
            NDManager owner = constantManagers.computeIfAbsent(device, d -> GinrEngine.engine().newBaseManager(d));
            kept = upload(owner, values.get(), shape);
            constants.put(key + "@" + device, kept);
        }
        NDArray view = kept.reshape(shape);
        view.attach(scope);
        return view;
    }

    /** Frees the kept constants. */
    @Override
    public void close() {
        constantManagers.values().forEach(NDManager::close);
        constantManagers.clear();
        constants.clear();
    }
}
