package dev.ginr.inr.render;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumeRendererTest {

    private static final double SIGMA = 1.0;
    private static final double RADIUS = 1.0;
    private static final double[] COLOUR = {0.2, 0.5, 0.8};

    /** An 8 x 8 view from distance 4 whose outer rays miss the unit sphere and whose inner rays cross it. */
    private static Rays sphereView(NDManager m) {
        Camera c = Viewpoints.lookAt(new double[] {0.4, -3.6, 1.7}, new double[3], new double[] {0, 0, 1}, 9, 8, 8);
        double[] pose = c.pose();
        NDArray poses = m.create(pose, new Shape(1, 3, 4)); // float64: the closed form is compared at 1e-3
        return Rays.fromPoses(poses, m.create(new double[] {c.focal()}), 8, 8);
    }

    /** The raw field of a sphere of constant density and colour, sampled at points (density 0 outside). */
    private static NDArray constantSphere(NDArray points) {
        NDArray inside = points.square().sum(new int[] {2}).lt(RADIUS * RADIUS).toType(points.getDataType(), false);
        NDArray density = inside.mul(SIGMA).expandDims(2); // (B, P, 1)
        NDArray logits = points.getManager().create(new double[] {logit(COLOUR[0]), logit(COLOUR[1]),
            logit(COLOUR[2])}).toType(points.getDataType(), false).broadcast(points.getShape()); // (B, P, 3)
        return logits.concat(density, 2); // (B, P, 4)
    }

    /** Length of the chord of the sphere on the ray o + z d, in units of z, clipped to [near, far]. */
    private static double chord(double[] o, double[] d, double near, double far) {
        double a = dot(d, d);
        double b = 2 * dot(o, d);
        double c = dot(o, o) - RADIUS * RADIUS;
        double disc = b * b - 4 * a * c;
        if (disc <= 0) {
            return 0;
        }
        double z0 = Math.max(near, (-b - Math.sqrt(disc)) / (2 * a));
        double z1 = Math.min(far, (-b + Math.sqrt(disc)) / (2 * a));
        return Math.max(0, z1 - z0);
    }

    @Test
    void constantDensitySphereMatchesTheClosedForm() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Rays rays = sphereView(m);
            // 8193 samples: spacing 1/2048, so the point-sampled chord is within one spacing of the exact one
            VolumeRenderer renderer = new VolumeRenderer(new StratifiedSampler(2, 6, 8193), 16);
            StratifiedSampler.RaySamples s = renderer.sampler().sample(rays, false);
            VolumeRenderer.Composite out = VolumeRenderer.composite(constantSphere(s.points()), s.depths());
            double[] rgb = out.rgb().toDoubleArray();
            double[] opacity = out.opacity().toDoubleArray();
            double[] o = rays.origins().toDoubleArray();
            double[] d = rays.directions().toDoubleArray();
            int hits = 0;
            for (int k = 0; k < 64; k++) {
                double length = chord(slice(o, k), slice(d, k), 2, 6);
                double transmittance = Math.exp(-SIGMA * length);
                hits += length > 0 ? 1 : 0;
                assertEquals(1 - transmittance, opacity[k], 1e-3, "opacity of ray " + k);
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(COLOUR[ch] * (1 - transmittance) + transmittance, rgb[3 * k + ch], 1e-3,
                            "colour " + ch + " of ray " + k);
                }
            }
            assertTrue(hits > 10 && hits < 60, "the view should show the sphere and the background: " + hits);
        }
    }

    @Test
    void intervalAveragedSphereIsExactAtTheReferenceSampleCount() {
        // The field returns, at each sample, sigma times the fraction of its interval [z_k, z_k+1) inside the
        // sphere: then the quadrature sum_k sigma_k delta_k equals sigma x chord exactly, at S = 128.
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Rays rays = sphereView(m);
            StratifiedSampler sampler = StratifiedSampler.reference();
            StratifiedSampler.RaySamples s = sampler.sample(rays, false);
            double[] o = rays.origins().toDoubleArray();
            double[] d = rays.directions().toDoubleArray();
            double[] raw = new double[64 * 128 * 4];
            for (int k = 0; k < 64; k++) {
                for (int j = 0; j < 128; j++) {
                    double z = 2 + j * sampler.spacing();
                    double inside = j == 127 ? 0 : chord(slice(o, k), slice(d, k), z, z + sampler.spacing());
                    int at = (k * 128 + j) * 4;
                    raw[at] = logit(COLOUR[0]);
                    raw[at + 1] = logit(COLOUR[1]);
                    raw[at + 2] = logit(COLOUR[2]);
                    raw[at + 3] = SIGMA * inside / sampler.spacing();
                }
            }
            VolumeRenderer.Composite out = VolumeRenderer.composite(m.create(raw, new Shape(1, 64 * 128, 4)),
                    s.depths());
            double[] rgb = out.rgb().toDoubleArray();
            for (int k = 0; k < 64; k++) {
                double t = Math.exp(-SIGMA * chord(slice(o, k), slice(d, k), 2, 6));
                assertEquals(1 - t, out.opacity().toDoubleArray()[k], 1e-7, "opacity of ray " + k);
                assertEquals(COLOUR[1] * (1 - t) + t, rgb[3 * k + 1], 1e-7, "green of ray " + k);
            }
        }
    }

    @Test
    void emptySceneRendersTheWhiteBackgroundExactly() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Rays rays = Rays.of(m, List.of(Viewpoints.lookAt(new double[] {0, -4, 1}, new double[3],
                    new double[] {0, 0, 1}, 20, 16, 16)));
            VolumeRenderer renderer = new VolumeRenderer(StratifiedSampler.reference(), 100);
            // any colour, density before the ReLU <= 0 everywhere
            RadianceField empty = p -> p.mul(3).sin().concat(p.get("..., :1").abs().neg(), 2); // (B, P, 4)
            NDArray rgb = renderer.render(empty, rays, true);
            assertEquals(new Shape(1, 256, 3), rgb.getShape());
            for (float v : rgb.toFloatArray()) {
                assertEquals(1.0f, v);
            }
        }
    }

    @Test
    void threeSamplesCompositeAsComputedByHand() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            // depths 2, 4, 6: intervals 2, 2, 1e-3; densities relu(0.5, -3, 100) = 0.5, 0, 100
            NDArray depths = m.create(new double[] {2, 4, 6}, new Shape(1, 1, 3));
            NDArray raw = m.create(new double[] {
                0, 0, 0, 0.5, // colour sigmoid(0) = 0.5
                Math.log(3), 0, 0, -3, // colour (0.75, .5, .5) but no density
                -Math.log(3), 0, 0, 100}, new Shape(1, 3, 4)); // red 0.25
            VolumeRenderer.Composite out = VolumeRenderer.composite(raw, depths);
            double w1 = 1 - Math.exp(-1); // alpha_1 = 1 - exp(-0.5 x 2), T_1 = 1
            double w3 = Math.exp(-1) * (1 - Math.exp(-0.1)); // T_3 = exp(-1) (sample 2 is empty), alpha_3 = 1 - e^-0.1
            double background = 1 - w1 - w3;
            // 1e-9: the reference adds 1e-10 to every 1 - alpha_k (never dividing by zero later)
            assertEquals(w1 + w3, out.opacity().getDouble(0, 0), 1e-9);
            assertArrayEquals(new double[] {0.5 * w1 + 0.25 * w3 + background, 0.5 * (w1 + w3) + background,
                0.5 * (w1 + w3) + background}, out.rgb().toDoubleArray(), 1e-9);
        }
    }

    @Test
    void gradientOfTheColourMatchesFiniteDifferences() {
        double[] base = {0.3, -0.2, 0.1, 0.4, 1.1, 0.5, -0.7, 0.8, -0.4, 0.9, 0.2, 0.6};
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray depths = m.create(new double[] {2, 3.5, 5}, new Shape(1, 1, 3));
            NDArray raw = m.create(base, new Shape(1, 3, 4));
            raw.setRequiresGradient(true);
            try (GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
                gc.backward(VolumeRenderer.composite(raw, depths).rgb().sum());
            }
            double[] grad = raw.getGradient().toDoubleArray();
            for (int i = 0; i < base.length; i++) {
                double h = 1e-6;
                double[] up = base.clone();
                double[] down = base.clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (colourSum(m, up, depths) - colourSum(m, down, depths)) / (2 * h);
                assertEquals(numeric, grad[i], 1e-6, "d colour / d raw[" + i + "]");
            }
            assertTrue(Math.abs(grad[3]) > 1e-3, "the density gets a gradient");
        }
    }

    @Test
    void chunksGiveTheSameImageAndLeaveNoIntermediateArrays() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Rays rays = sphereView(m);
            RadianceField sphere = VolumeRendererTest::constantSphere;
            VolumeRenderer whole = new VolumeRenderer(StratifiedSampler.reference(), 1000);
            double[] once = whole.render(sphere, rays, false).toDoubleArray();
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray chunked = new VolumeRenderer(StratifiedSampler.reference(), 7).render(sphere, rays, false);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size(),
                    "only the image survives a chunked render");
            assertArrayEquals(once, chunked.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void trainingJitterIsSeededAndStaysInsideEachInterval() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Rays rays = sphereView(m);
            StratifiedSampler sampler = new StratifiedSampler(2, 6, 16);
            GinrEngine.seed(11);
            double[] a = sampler.sample(rays, true).depths().toDoubleArray();
            GinrEngine.seed(11);
            double[] b = sampler.sample(rays, true).depths().toDoubleArray();
            assertArrayEquals(a, b, 0);
            double moved = 0;
            for (int i = 0; i < a.length; i++) {
                double lo = 2 + (i % 16) * sampler.spacing();
                assertTrue(a[i] >= lo && a[i] < lo + sampler.spacing() + 1e-12, "depth " + a[i] + " at " + i);
                moved += a[i] - lo;
            }
            assertEquals(0.5, moved / a.length / sampler.spacing(), 0.05); // U[0, 1) offsets average one half
            double[] fixed = sampler.sample(rays, false).depths().toDoubleArray();
            assertEquals(2 + 3 * sampler.spacing(), fixed[16 + 3], 1e-12);
            assertEquals(DataType.FLOAT64, sampler.sample(rays, true).points().getDataType());
        }
    }

    private static double colourSum(NDManager m, double[] raw, NDArray depths) {
        return VolumeRenderer.composite(m.create(raw, new Shape(1, 3, 4)), depths).rgb().sum().getDouble();
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] slice(double[] a, int k) {
        return new double[] {a[3 * k], a[3 * k + 1], a[3 * k + 2]};
    }
}
