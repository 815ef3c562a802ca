package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ComposerConfig;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.TransformerConfig;
import dev.ginr.inr.config.WeightGroupsConfig;
import dev.ginr.inr.data.CoordinateGrid;
import dev.ginr.inr.nn.ParameterSet;
import dev.ginr.inr.nn.PatchTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HypernetworkModelsTest {

    static final HyponetConfig HYPONET = HyponetConfig.image(5, 64, 32, 32);
    static final TransformerConfig SMALL = new TransformerConfig(2, 128, 4, 4, 0.0, 0.0);

    static PatchTokenizer tokenizer() {
        return new PatchTokenizer(4, 0, 3, 32, 32);
    }

    @Test
    void composerModelHasOneWeightTokenPerRankAndItsHeadGivesVOfShapeFanInByRank() {
        try (NDManager m = GinrEngine.engine().newBaseManager();
             LowRankModulatedTransInr model = new LowRankModulatedTransInr(HYPONET, ComposerConfig.of(1, 48),
                     tokenizer(), SMALL, m, DataType.FLOAT32)) {
            assertEquals(48, model.hypernetwork().weightTokenCount());
            ParameterSet.Bound p = model.parameters().bind(m);
            NDArray images = m.randomUniform(0, 1, new Shape(3, 1024, 3));
            Observation obs = new Observation(images, CoordinateGrid.create(m, 32, 32), new int[] {32, 32});
            Map<Integer, NDArray> v = model.predictComposers(p, obs, false);
            assertEquals(new Shape(3, 64, 48), v.get(1).getShape()); // (B, fan_in, r)
            Map<Integer, NDArray> w = model.instanceWeights(p, obs, false);
            assertEquals(new Shape(3, 64, 64), w.get(1).getShape()); // (B, fan_in, fan_out)
            assertEquals(new Shape(3, 1024, 3), model.render(p, w, obs.coords()).getShape());
            assertFalse(model.parameters().contains("hyponet.wb1"));
        }
    }

    @Test
    void blockMlpWidthFollowsTheConfiguredMlpRatio() {
        try (NDManager m = GinrEngine.engine().newBaseManager();
             LowRankModulatedTransInr model = new LowRankModulatedTransInr(HYPONET, ComposerConfig.of(1, 8),
                     tokenizer(), new TransformerConfig(1, 128, 4, 2, 0.0, 0.0), m, DataType.FLOAT32)) {
            ParameterSet params = model.parameters();
            assertEquals(new Shape(256, 128), params.get("hypernet.transformer.block0.mlp.fc1.weight").getShape());
            assertEquals(new Shape(128, 256), params.get("hypernet.transformer.block0.mlp.fc2.weight").getShape());
        }
    }

    @Test
    void transInrTakesOneGroupCountPerLayerInLayerOrder() {
        WeightGroupsConfig perLayer = new WeightGroupsConfig(List.of(2, 4, 8, 16, 3), List.of(3, 0, 4));
        assertEquals(List.of(0, 3, 4), List.copyOf(perLayer.groupsByLayer(HYPONET).keySet()));
        try (NDManager m = GinrEngine.engine().newBaseManager();
             TransInrBaseline model = new TransInrBaseline(HYPONET, perLayer.groupsByLayer(HYPONET), tokenizer(),
                     SMALL, m, DataType.FLOAT32)) {
            assertEquals(2 + 16 + 3, model.hypernetwork().weightTokenCount());
        }
    }

    @Test
    void transInrGroupRepetitionMatchesAHandBuiltExample() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            // one instance, fan_in 2, g = 2 groups over fan_out 6: column j takes group j mod 2
            NDArray groups = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 2, 2)); // rows: (1, 2), (3, 4)
            float[] got = TransInrBaseline.repeatGroups(groups, 6).toFloatArray();
            assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, got);
        }
    }

    @Test
    void transInrModulatesEveryLayerWithGroupsCappedAtTheLayerWidth() {
        try (NDManager m = GinrEngine.engine().newBaseManager();
             TransInrBaseline model = new TransInrBaseline(HYPONET,
                     WeightGroupsConfig.everyLayer(64).groupsByLayer(HYPONET), tokenizer(), SMALL, m, DataType.FLOAT32)) {
            assertEquals(64 * 4 + 3, model.hypernetwork().weightTokenCount()); // the output layer has 3 columns
            ParameterSet.Bound p = model.parameters().bind(m);
            NDArray images = m.randomUniform(0, 1, new Shape(2, 1024, 3));
            Observation obs = new Observation(images, CoordinateGrid.create(m, 32, 32), new int[] {32, 32});
            Map<Integer, NDArray> w = model.instanceWeights(p, obs, false);
            assertEquals(5, w.size());
            assertEquals(new Shape(2, 64, 64), w.get(0).getShape());
            assertEquals(new Shape(2, 64, 3), w.get(4).getShape());
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> WeightGroupsConfig.everyLayer(48).groupsByLayer(HYPONET));
        assertTrue(e.getMessage().contains("arch.n_weight_groups = 48"), e.getMessage());
    }
}
