package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ConfigReadResult;
import dev.ginr.inr.config.YamlConfigReader;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.train.Checkpoint;
import dev.ginr.inr.train.Checkpoints;
import dev.ginr.inr.train.Metrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with the authors' code (kakaobrain/ginr-ipc), with no Python at test time: each fixture under
 * {@code src/test/resources/parity/} was exported once by {@code data-scripts/parity/export_fixtures.py} from their
 * unmodified classes. It holds a tiny config in their YAML schema, every parameter (in our names and layout), a
 * batch, the query coordinates, and their prediction, training loss and gradients (float64 on the same float32
 * weights). Here the same config is read by our reader, our model is built from it, given the same weights, and one
 * training forward and backward pass must match theirs within 1e-4 relative (max |ours - theirs| / max |theirs| per
 * tensor): the four models, for the meta-learning models through the second-order inner loop, and ours at every
 * modulated layer index.
 */
class ReferenceParityTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"low_rank_transinr_layer0", "low_rank_transinr_layer1", "low_rank_transinr_layer2",
            "low_rank_transinr_layer3", "low_rank_transinr_layer4", "transinr", "meta_low_rank_layer0",
            "meta_low_rank_layer1", "meta_low_rank_layer2", "meta_low_rank_layer3", "meta_low_rank_layer4",
            "learned_init", "learned_init_layers_1_3"})
    void forwardLossAndGradientsMatchTheAuthorsCode(String fixture) throws URISyntaxException {
        Path file = Path.of(ReferenceParityTest.class.getResource("/parity/" + fixture + ".safetensors").toURI());
        try (NDManager root = GinrEngine.engine().newBaseManager()) {
            Checkpoint.Contents c = Checkpoint.read(file, root);
            ConfigReadResult config = new YamlConfigReader().read(c.meta("parity.config"), fixture + ".yaml");
            assertEquals(List.of(), config.warnings(), "the authors' schema loads without unknown keys");
            try (GeneralizableInr model = Models.create(config.spec(), root, DataType.FLOAT32)) {
                Map<String, NDArray> theirParams = withPrefix(c.tensors(), "param/");
                assertEquals(new TreeSet<>(theirParams.keySet()), new TreeSet<>(model.parameters().all().keySet()),
                        "the same parameters, by name");
                Checkpoints.loadParameters(model.parameters(), theirParams, file);
                Map<String, NDArray> ours = trainingStep(model, c.tensors(), root);
                assertClose(fixture, "prediction", ours.get("prediction"), c.tensors().get("out/prediction"));
                assertClose(fixture, "loss", ours.get("loss"), c.tensors().get("out/loss"));
                Map<String, NDArray> theirGrads = withPrefix(c.tensors(), "grad/");
                assertEquals(new TreeSet<>(theirGrads.keySet()), model.parameters().trainableNames().stream()
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)), "the same trainable set");
                double largest = theirGrads.values().stream().mapToDouble(ReferenceParityTest::maxAbs).max()
                        .orElseThrow();
                for (Map.Entry<String, NDArray> g : theirGrads.entrySet()) {
                    NDArray mine = ours.get("grad/" + g.getKey());
                    if (maxAbs(g.getValue()) < 1e-12 * largest) {
                        // zero in exact arithmetic (the key biases: softmax ignores a shift shared by all keys)
                        assertTrue(maxAbs(mine) <= TOLERANCE * largest, fixture + ": gradient of " + g.getKey()
                                + " should vanish but reaches " + maxAbs(mine));
                    } else {
                        assertClose(fixture, "gradient of " + g.getKey(), mine, g.getValue());
                    }
                }
            }
        }
    }

    /** One training forward pass (no dropout in these configs) and backward: prediction, loss and gradients. */
    private static Map<String, NDArray> trainingStep(GeneralizableInr model, Map<String, NDArray> fixture,
                                                     NDManager root) {
        NDArray values = fixture.get("batch/values"); // (B, P, C)
        int side = (int) Math.round(Math.sqrt(values.getShape().get(1)));
        NDArray grid = CoordinateGrid.create(root, side, side); // (P, 2)
        assertClose("grid", "coordinates", grid, fixture.get("batch/grid"));
        Map<String, NDArray> out = new LinkedHashMap<>();
        ParameterSet params = model.parameters();
        params.zeroGradients();
        try (GradientCollector gc = GinrEngine.engine().newGradientCollector()) {
            ParameterSet.Bound p = params.bind(root);
            Observation observed = new Observation(values, grid, new int[] {side, side});
            Map<Integer, NDArray> weights = model.instanceWeights(p, observed, true);
            NDArray prediction = model.render(p, weights, fixture.get("batch/coords")); // (B, P, C)
            NDArray loss = Metrics.perInstanceMse(prediction, values).mean();
            gc.backward(loss);
            out.put("prediction", prediction);
            out.put("loss", loss.reshape(1));
        }
        for (String name : params.trainableNames()) {
            NDArray g = params.get(name).getGradient();
            g.attach(root);
            out.put("grad/" + name, g);
        }
        return out;
    }

    private static Map<String, NDArray> withPrefix(Map<String, NDArray> tensors, String prefix) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private static double maxAbs(NDArray a) {
        double m = 0;
        for (float v : a.toType(DataType.FLOAT32, false).toFloatArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static void assertClose(String fixture, String what, NDArray ours, NDArray theirs) {
        assertEquals(theirs.getShape(), ours.getShape(), fixture + ": shape of " + what);
        float[] a = ours.toType(DataType.FLOAT32, false).toFloatArray();
        float[] b = theirs.toType(DataType.FLOAT32, false).toFloatArray();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        double scale = maxAbs(theirs);
        assertTrue(scale > 0, fixture + ": " + what + " is zero in the fixture");
        double relative = diff / scale;
        assertTrue(relative <= TOLERANCE, String.format("%s: %s differs from the authors' by %.3g relative "
                + "(max |diff| %.3g, max |theirs| %.3g)", fixture, what, relative, diff, scale));
    }
}
