package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class GraphScalarTest {

    @Test
    void scaledGradientSurvivesAGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray x = m.ones(new Shape(4));
            x.setRequiresGradient(true);
            try (NDManager step = m.newSubManager();
                 GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
                NDArray view = ParameterSet.view(x, step);
                NDArray y = GraphScalar.scale(view, 0.25).sum();
                System.gc(); // with x.mul(0.25) this frees the scalar autograd saved for backward
                Thread.sleep(50);
                for (int i = 0; i < 500; i++) { // reuse freed direct memory with NaNs
                    ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN);
                    step.create(b.asFloatBuffer(), new Shape(1));
                }
                gc.backward(y);
                NDArray g = x.getGradient();
                g.attach(step);
                assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, g.toFloatArray());
            }
        }
    }
}
