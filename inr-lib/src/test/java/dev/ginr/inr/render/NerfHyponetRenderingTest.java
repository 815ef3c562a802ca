package dev.ginr.inr.render;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.FourierType;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.nn.ModulatedMlp;
import dev.ginr.inr.nn.ParameterSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NeRF hyponet as the radiance field of the volume renderer: shapes, gradients, memory of a full view. */
class NerfHyponetRenderingTest {

    @Test
    void paperNerfHyponetHasThePaperShape() {
        HyponetConfig h = HyponetConfig.nerf();
        assertEquals(3, h.inputDim());
        assertEquals(4, h.outputDim());
        assertEquals(6, h.nLayer());
        assertEquals(256, h.hiddenDim());
        assertEquals(FourierType.NERF, h.fourier().type());
        assertEquals(60, h.fourier().ffDim());
        assertEquals(8, h.fourier().ffSigma());
        assertEquals(0, h.outputBias());
        assertEquals(120, h.fanIn(0)); // cos and sin of 20 frequencies per axis
        assertEquals(4, h.fanOut(5));
    }

    @Test
    void gradientsFlowFromRenderedColoursIntoSharedAndPerInstanceWeights() {
        HyponetConfig h = HyponetConfig.nerf(3, 16, 12, 3);
        GinrEngine.seed(4);
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
            ModulatedMlp mlp = new ModulatedMlp(h, Set.of(1));
            mlp.register(params);
            try (NDManager step = m.newSubManager()) {
                NDArray v = step.randomNormal(0, 1, new Shape(2, 16, 16), DataType.FLOAT32); // (B, fan_in, fan_out)
                v.setRequiresGradient(true);
                Rays rays = twoInstances(step);
                VolumeRenderer renderer = new VolumeRenderer(new StratifiedSampler(2, 6, 32), 5);
                try (GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
                    ParameterSet.Bound p = params.bind(step);
                    RadianceField field = points -> mlp.forward(p, points, Map.of(1, v)); // (B, R S, 3) -> (B, R S, 4)
                    NDArray rgb = renderer.render(field, rays, true); // (B, R, 3)
                    assertEquals(new Shape(2, 12, 3), rgb.getShape());
                    gc.backward(rgb.sub(0.3f).square().mean());
                }
                for (String name : params.trainableNames()) {
                    float norm = params.get(name).getGradient().square().sum().getFloat();
                    assertTrue(norm > 0, "no gradient reached " + name);
                }
                NDArray perInstance = v.getGradient().square().sum(new int[] {1, 2}); // (B)
                assertTrue(perInstance.getFloat(0) > 0 && perInstance.getFloat(1) > 0, "per-instance gradients");
            }
        }
    }

    @Test
    void a128x128ViewRendersInChunksWithoutKeepingIntermediates() {
        HyponetConfig h = HyponetConfig.nerf(3, 16, 12, 3);
        GinrEngine.seed(5);
        try (NDManager m = GinrEngine.engine().newBaseManager();
             ParameterSet params = new ParameterSet(m, DataType.FLOAT32)) {
            ModulatedMlp mlp = new ModulatedMlp(h, Set.of());
            mlp.register(params);
            try (NDManager step = m.newSubManager()) {
                ParameterSet.Bound p = params.bind(step);
                RadianceField field = points -> mlp.forward(p, points, Map.of());
                int perQuery = arraysLeftByOneQuery(step, field); // the shared weights it normalises per call
                Rays rays = Rays.of(step, List.of(Viewpoints.lookAt(new double[] {0, -4, 1}, new double[3],
                        new double[] {0, 0, 1}, 150, 128, 128)));
                int before = ((BaseNDManager) step).getManagedArrays().size();
                NDArray rgb = new VolumeRenderer(StratifiedSampler.reference(), VolumeRenderer.REFERENCE_CHUNK)
                        .render(field, rays, false);
                // chunks of 1024 rays x 128 points (on a CPU at most CPU_POINTS_PER_CHUNK points): only the image and
                // what the field itself keeps per call
                long chunkRays = rays.origins().getDevice().isGpu() ? VolumeRenderer.REFERENCE_CHUNK
                        : Math.min(VolumeRenderer.REFERENCE_CHUNK, VolumeRenderer.CPU_POINTS_PER_CHUNK / 128);
                long chunks = (128 * 128 + chunkRays - 1) / chunkRays;
                assertEquals(1 + chunks * perQuery, ((BaseNDManager) step).getManagedArrays().size() - before);
                assertEquals(new Shape(1, 128 * 128, 3), rgb.getShape());
                float min = rgb.min().getFloat();
                float max = rgb.max().getFloat();
                assertTrue(min >= 0 && max <= 1 && max > min, "colours in [0, 1]: " + min + ".." + max);
            }
        }
    }

    private static int arraysLeftByOneQuery(NDManager step, RadianceField field) {
        int before = ((BaseNDManager) step).getManagedArrays().size();
        try (NDManager scope = step.newSubManager()) {
            field.query(scope.zeros(new Shape(1, 4, 3)));
        }
        return ((BaseNDManager) step).getManagedArrays().size() - before;
    }

    /** Two instances, 12 rays each, from two cameras looking at the origin. */
    private static Rays twoInstances(NDManager m) {
        Camera a = Viewpoints.lookAt(new double[] {0, -4, 1}, new double[3], new double[] {0, 0, 1}, 6, 4, 3);
        Camera b = Viewpoints.lookAt(new double[] {3, 2, 2}, new double[3], new double[] {0, 0, 1}, 6, 4, 3);
        return Rays.of(m, List.of(a, b)); // (2, 12, 3)
    }
}
