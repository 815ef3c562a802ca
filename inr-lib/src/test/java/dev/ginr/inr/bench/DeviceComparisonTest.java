package dev.ginr.inr.bench;

import ai.djl.Device;
import dev.ginr.inr.config.ModelType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device comparison's logic with both devices the CPU (the GPU half runs in environment/gpu-check.sh): the same
 * steps agree to within float rounding (here exactly), and a run whose parameters were moved by 1% is reported as
 * different for every model.
 */
class DeviceComparisonTest {

    private static final List<ModelType> ALL = List.of(ModelType.values());

    @Test
    void theSameStepsOnTheSameDeviceAgreeAndTheTableShowsEveryModel() {
        DeviceComparison.Result r = DeviceComparison.run(Device.cpu(), Device.cpu(),
                new DeviceComparison.Settings(ALL, false, 2, 1, 4, 0), line -> { });
        assertEquals(4, r.rows().size());
        for (DeviceComparison.Row row : r.rows()) {
            assertTrue(row.lossDifference() <= 1e-6 && row.gradientDifference() <= 1e-6, row.toString());
            assertTrue(row.stepsPerSecondA() > 0 && row.stepsPerSecondB() > 0, row.toString());
            assertTrue(row.memoryA() > 0 && row.memoryB() >= row.memoryA(), "peak RSS only grows: " + row);
        }
        assertTrue(r.agrees(1e-6));
        Table t = r.table();
        assertEquals(List.of("low_rank_modulated_transinr", "transinr", "meta_low_rank_modulated_inr",
                "learned_init"), t.stringColumn("model").asList());
        assertEquals(List.of("model", "preset", "steps", "cpu (A) steps/s", "cpu (B) steps/s", "max rel diff loss",
                "max rel diff grad step 1", "cpu (A) peak RSS MiB", "cpu (B) peak RSS MiB"), t.columnNames());
        assertEquals("image-32-small", t.stringColumn("preset").get(0));
        assertEquals("meta-32-small", t.stringColumn("preset").get(3));
    }

    @Test
    void parametersMovedByOnePercentAreReportedAsDifferentForEveryModel() {
        DeviceComparison.Result r = DeviceComparison.run(Device.cpu(), Device.cpu(),
                new DeviceComparison.Settings(ALL, false, 2, 0, 4, 0.01), line -> { });
        for (DeviceComparison.Row row : r.rows()) {
            assertTrue(row.gradientDifference() > 1e-4, row.toString());
            assertTrue(row.lossDifference() > 1e-6, row.toString());
            assertTrue(Double.isNaN(row.stepsPerSecondA()) && row.memoryA() == -1, "not timed: " + row);
        }
        assertFalse(r.agrees(1e-3));
        assertTrue(r.maxDifference() > 1e-3, "largest " + r.maxDifference());
    }

    @Test
    void gradientsAreComparedAtTheirOwnScaleWithAFloor() {
        float[] a = {1, -2, 0.5f};
        assertEquals(0, DeviceComparison.relative(a, a.clone(), 0));
        assertEquals(0.25, DeviceComparison.relative(a, new float[] {1, -1.5f, 0.5f}, 0), 1e-12); // 0.5 / 2
        float[] tiny = {1e-9f, 0};
        assertEquals(Double.POSITIVE_INFINITY, DeviceComparison.relative(new float[2], tiny, 0));
        assertEquals(1e-9 / 1e-3, DeviceComparison.relative(new float[2], tiny, 1e-3), 1e-12);
        assertEquals(0.5, DeviceComparison.relative(2.0, 1.0), 0);
        assertEquals(0, DeviceComparison.relative(0.0, 0.0), 0);
    }
}
