package dev.ginr.inr.bench;

import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StepFlopsTest {

    /** 2 layers: 2-D coordinates, ff_dim 4 -> 8 Fourier features -> 16 -> 3. */
    private static final HyponetConfig TWO_LAYERS = HyponetConfig.image(2, 16, 4, 4);

    @Test
    void twoLayerHyponetForwardCountsFourierAndBothLayerProductsByHand() {
        // B = 2, P = 10 -> 20 rows. Fourier (20, 2) x (2, 4): 2*20*2*4 = 320.
        // layer 0 (20, 8) x (8, 16): 2*20*8*16 = 5120; layer 1 (20, 16) x (16, 3): 2*20*16*3 = 1920.
        assertEquals(320 + 5120 + 1920, StepFlops.hyponetForward(TWO_LAYERS, 2, 10, Map.of()));
    }

    @Test
    void composersOnTheSecondLayerAddOneProductPerInstance() {
        // V (16, 4) x U (4, 3) per instance: 2*16*4*3 = 384, twice for B = 2.
        assertEquals(7360 + 768, StepFlops.hyponetForward(TWO_LAYERS, 2, 10, Map.of(1, 4)));
    }

    @Test
    void oneBlockTransformerCountsMappingProjectionsAttentionMlpAndHeadByHand() {
        // B = 1, L = 2 data tokens of 3 values, T = 1 weight token for layer 1, D = 4, MLP ratio 4, N = 3.
        long mapping = 2 * 2 * 3 * 4; // (2, 3) x (3, 4) = 48
        long projections = 4 * (2 * 3 * 4 * 4); // q, k, v, out: 4 x (3, 4) x (4, 4) = 384
        long attention = 2 * (2 * 3 * 4 * 3); // q k^T and a v: 2 x 72 = 144
        long mlp = 2 * (2 * 3 * 4 * 16); // (3, 4) x (4, 16) and back: 768
        long head = 2 * 1 * 4 * 16; // (1, 4) x (4, fan_in 16) = 128
        assertEquals(1472, mapping + projections + attention + mlp + head);
        assertEquals(1472, StepFlops.transformerForward(1, 2, 3, 4, 1, 4, Map.of(1, 1), TWO_LAYERS));
    }

    @Test
    void trainingStepIsThreeForwardsAndMetaLearningUnrollsTheInnerLoop() {
        StepFlops hyper = new StepFlops(100, 50, 150);
        assertEquals(450, hyper.trainingStep());
        assertEquals(300, hyper.hyponetTrainingStep());
        ExperimentSpec meta = Presets.load("meta-32-small"); // 2 inner steps
        StepFlops m = StepFlops.of(meta, 16);
        assertEquals(7 * m.hyponetForward(), m.forwardGraph()); // 3 x 2 + 1 hyponet forwards
        assertEquals(21 * m.hyponetForward(), m.trainingStep());
    }

    @Test
    void smallPresetStepOfOursMatchesTheClosedForm() {
        ExperimentSpec spec = Presets.load("image-32-small");
        StepFlops f = StepFlops.of(spec, 16);
        long rows = 16L * 32 * 32;
        long hyponet = 2 * rows * 2 * 32 // Fourier (rows, 2) x (2, 32)
                + 2 * rows * 64 * 64 * 4 // layers 0..3: 64 -> 64 (64 Fourier features in)
                + 2 * rows * 64 * 3 // output layer
                + 16L * 2 * 64 * 64 * 64; // composers V (64, 64) x U (64, 64)
        assertEquals(hyponet, f.hyponetForward());
        long n = 64 + 64; // 8 x 8 patch tokens + rank-64 weight tokens
        long hyper = 2L * 16 * 64 * 48 * 128 // latent mapping from 3*4*4 = 48 values
                + 2 * (8L * 16 * n * 128 * 128 + 4L * 16 * n * n * 128 + 16L * 16 * n * 128 * 128)
                + 2L * 16 * 64 * 128 * 64; // head to fan_in 64
        assertEquals(hyper, f.hypernetForward());
        assertEquals(3 * (hyponet + hyper), f.trainingStep());
    }

    @Test
    void transInrBaselineHasOneHeadPerLayerWithItsWeightGroups() {
        ExperimentSpec spec = Presets.load("image-32-small").withModelType(ModelType.TRANSINR);
        StepFlops f = StepFlops.of(spec, 1);
        // 64 groups on layers 0..3 (width 64) and min(64, 3) = 3 on the output layer: T = 259 weight tokens.
        long n = 64 + 259;
        long heads = 2L * 64 * 128 * 64 * 4 + 2L * 3 * 128 * 64;
        long hyper = 2L * 64 * 48 * 128 + 2 * (8L * n * 128 * 128 + 4L * n * n * 128 + 16L * n * 128 * 128) + heads;
        assertEquals(hyper, f.hypernetForward());
    }
}
