package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchTokenizerTest {

    @Test
    void fourByFourImageCutIntoTwoByTwoPatchesGivesFourTokensChannelFirst() {
        // one 4x4 image with 2 channels; channel 0 holds 10 r + c, channel 1 holds 100 + 10 r + c
        float[] img = new float[4 * 4 * 2];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                img[(r * 4 + c) * 2] = 10 * r + c;
                img[(r * 4 + c) * 2 + 1] = 100 + 10 * r + c;
            }
        }
        PatchTokenizer t = new PatchTokenizer(2, 0, 2, 4, 4);
        assertEquals(4, t.tokenCount());
        assertEquals(8, t.tokenDim());
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray tokens = t.tokens(m.create(img, new Shape(1, 16, 2)));
            assertEquals(new Shape(1, 4, 8), tokens.getShape());
            float[] v = tokens.toFloatArray();
            // token 1 = top-right patch (rows 0-1, cols 2-3): channel 0 then channel 1, each row-major
            assertArrayEquals(new float[] {2, 3, 12, 13, 102, 103, 112, 113}, java.util.Arrays.copyOfRange(v, 8, 16));
            // token 2 = bottom-left patch (rows 2-3, cols 0-1)
            assertArrayEquals(new float[] {20, 21, 30, 31, 120, 121, 130, 131},
                    java.util.Arrays.copyOfRange(v, 16, 24));
        }
    }

    @Test
    void paddingAddsZerosAroundTheImage() {
        PatchTokenizer t = new PatchTokenizer(2, 1, 1, 2, 2); // 2x2 image padded to 4x4 -> 4 tokens
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            float[] v = t.tokens(m.create(new float[] {1, 2, 3, 4}, new Shape(1, 4, 1))).toFloatArray();
            assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0, 0}, v);
        }
    }

    @Test
    void paperAndSmallPresetsGiveFourHundredAndSixtyFourTokens() {
        assertEquals(400, new PatchTokenizer(9, 1, 3, 178, 178).tokenCount());
        assertEquals(243, new PatchTokenizer(9, 1, 3, 178, 178).tokenDim());
        assertEquals(64, new PatchTokenizer(4, 0, 3, 32, 32).tokenCount());
    }

    @Test
    void aPatchSizeThatDoesNotDivideThePaddedImageIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> new PatchTokenizer(9, 0, 3, 178, 178));
        assertTrue(e.getMessage().contains("patch_size = 9") && e.getMessage().contains("178"), e.getMessage());
    }
}
