package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioPatchTokenizerTest {

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static NDArray tokens(NDManager m, AudioPatchTokenizer t, int batch, int samples) {
        float[] x = new float[batch * samples];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < samples; i++) {
                x[b * samples + i] = 10_000 * b + i;
            }
        }
        return t.tokens(m.create(x, new Shape(batch, samples, 1)));
    }

    @Test
    void theReferenceClipsGiveEightyTokensPerSecond() {
        assertEquals(80, new AudioPatchTokenizer(200, 16000, true).tokenCount());
        assertEquals(240, new AudioPatchTokenizer(200, 48000, true).tokenCount());
        assertEquals(200, new AudioPatchTokenizer(200, 16000, true).tokenDim());
        assertEquals(0, new AudioPatchTokenizer(200, 16000, true).padding());
        AudioPatchTokenizer odd = new AudioPatchTokenizer(300, 16000, true); // 16000 = 53 x 300 + 100
        assertEquals(200, odd.padding());
        assertEquals(54, odd.tokenCount());
        assertEquals(53, new AudioPatchTokenizer(300, 16000, false).tokenCount());
    }

    @Test
    void patchesAreConsecutiveSamplesInOrder() {
        AudioPatchTokenizer t = new AudioPatchTokenizer(200, 1000, true);
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray out = tokens(m, t, 2, 1000);
            assertEquals(new Shape(2, 5, 200), out.getShape());
            float[] v = out.toFloatArray();
            assertArrayEquals(Arrays.copyOfRange(ramp(1000), 400, 600), Arrays.copyOfRange(v, 400, 600)); // token 2
            assertEquals(10_000 + 999, v[2 * 1000 - 1]); // the last sample of the second clip ends its last token
        }
    }

    @Test
    void theEndIsReflectPaddedWithoutRepeatingTheLastSample() {
        // T = 450, p = 200: 150 samples of padding, x[450 + i] = x[448 - i] (PyTorch's F.pad mode "reflect")
        AudioPatchTokenizer t = new AudioPatchTokenizer(200, 450, true);
        assertEquals(150, t.padding());
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray out = tokens(m, t, 1, 450);
            assertEquals(new Shape(1, 3, 200), out.getShape());
            float[] last = Arrays.copyOfRange(out.toFloatArray(), 400, 600);
            float[] want = new float[200];
            for (int i = 0; i < 200; i++) {
                want[i] = i < 50 ? 400 + i : 448 - (i - 50);
            }
            assertArrayEquals(want, last);
            assertEquals(449, last[49]);
            assertEquals(448, last[50]);
            assertEquals(299, last[199]);
        }
    }

    @Test
    void withoutPaddingTheTailIsDropped() {
        AudioPatchTokenizer t = new AudioPatchTokenizer(200, 450, false);
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray out = tokens(m, t, 1, 450);
            assertEquals(new Shape(1, 2, 200), out.getShape());
            assertArrayEquals(ramp(400), out.toFloatArray());
        }
    }

    @Test
    void patchesLongerThanTheClipAreRefusedWithThePath() {
        ConfigException e = assertThrows(ConfigException.class, () -> new AudioPatchTokenizer(200, 3, true));
        assertEquals("arch.data_encoder.encoder_spec.patch_size", e.path());
        assertTrue(e.getMessage().contains("3 samples"), e.getMessage());
        assertThrows(ConfigException.class, () -> new AudioPatchTokenizer(200, 150, false));
        assertThrows(ConfigException.class, () -> new AudioPatchTokenizer(0, 150, true));
    }
}
