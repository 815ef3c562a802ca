package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.render.Camera;
import dev.ginr.inr.render.Viewpoints;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportViewTokenizerTest {

    private static final int S = 16;

    @Test
    void referenceViewsGive256TokensOf576ValuesPerSupportView() {
        SupportViewTokenizer t = new SupportViewTokenizer(8, 0, 128, 128);
        assertEquals(256, t.tokensPerView());
        assertEquals(576, t.tokenDim()); // 9 channels x 8 x 8
        for (int k = 1; k <= 5; k++) {
            assertEquals(256 * k, t.tokenCount(k)); // the authors' latent_mapping.n_patches for k support views
        }
    }

    @Test
    void tokensHoldRgbOriginAndDirectionOfEachPatchPixel() {
        int b = 2;
        int n = 3;
        Camera[][] cams = new Camera[b][n];
        float[] poses = new float[b * n * 12];
        float[] focals = new float[b * n];
        float[] rgb = new float[b * n * S * S * 3];
        for (int i = 0; i < b; i++) {
            for (int v = 0; v < n; v++) {
                double[] eye = Viewpoints.onSphere(3 + i, 0.7 * v + i, 0.2 + 0.1 * v);
                cams[i][v] = Viewpoints.lookAt(eye, new double[3], new double[] {0, 0, 1}, 20 + v, S, S);
                double[] p = cams[i][v].pose();
                for (int k = 0; k < 12; k++) {
                    poses[(i * n + v) * 12 + k] = (float) p[k];
                }
                focals[i * n + v] = (float) cams[i][v].focal();
            }
        }
        for (int k = 0; k < rgb.length; k++) {
            rgb[k] = (k % 251) / 251f;
        }
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            SupportViewTokenizer t = new SupportViewTokenizer(8, 0, S, S);
            NDArray tokens = t.tokens(m.create(rgb, new Shape(b, n, S * S, 3)), m.create(poses, new Shape(b, n, 3, 4)),
                    m.create(focals, new Shape(b, n)));
            assertEquals(new Shape(2, 12, 576), tokens.getShape()); // 3 views x (16 / 8)^2 tokens
            float[] got = tokens.toFloatArray();
            // instance 1, view 2, patch (row 1, column 0): token 2 x 4 + 2 = 10
            int token = 2 * 4 + 2;
            for (int pr : new int[] {0, 3, 7}) {
                for (int pc : new int[] {0, 5, 7}) {
                    int row = 8 + pr;
                    int col = pc;
                    int pixel = ((1 * n + 2) * S * S + row * S + col) * 3;
                    double[] o = cams[1][2].center();
                    double[] d = cams[1][2].rayDirection(col, row);
                    double[] want = {rgb[pixel], rgb[pixel + 1], rgb[pixel + 2], o[0], o[1], o[2], d[0], d[1], d[2]};
                    for (int c = 0; c < 9; c++) {
                        int at = (1 * 12 + token) * 576 + c * 64 + pr * 8 + pc;
                        assertEquals(want[c], got[at], 1e-5, "channel " + c + " at patch pixel " + pr + "," + pc);
                    }
                }
            }
        }
    }

    @Test
    void oneToFiveSupportViewsConcatenateTheirTokens() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            SupportViewTokenizer t = new SupportViewTokenizer(8, 0, S, S);
            Camera c = Viewpoints.lookAt(new double[] {0, -4, 1}, new double[3], new double[] {0, 0, 1}, 20, S, S);
            for (int views = 1; views <= 5; views++) {
                NDArray pose = m.create(toFloat(c.pose()), new Shape(1, 1, 3, 4)).repeat(1, views);
                NDArray images = m.randomUniform(0, 1, new Shape(1, views, S * S, 3));
                NDArray tokens = t.tokens(images, pose, m.full(new Shape(1, views), (float) c.focal()));
                assertEquals(new Shape(1, 4L * views, 576), tokens.getShape());
                NDArray firstView = t.tokens(images.get(":, :1"), pose.get(":, :1"),
                        m.full(new Shape(1, 1), (float) c.focal()));
                assertTrue(firstView.contentEquals(tokens.get(":, :4")), "view 0's tokens come first");
            }
        }
    }

    @Test
    void sizesThatPatchesDoNotTileAreRefusedWithTheSettingsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> new SupportViewTokenizer(8, 0, 36, 36));
        assertTrue(e.getMessage().contains("arch.data_encoder.encoder_spec.patch_size"), e.getMessage());
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            SupportViewTokenizer t = new SupportViewTokenizer(8, 0, S, S);
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> t.tokens(
                    m.zeros(new Shape(1, 2, S * S, 3)), m.zeros(new Shape(1, 1, 3, 4)), m.zeros(new Shape(1, 1))));
            assertTrue(bad.getMessage().contains("(B, N, 3, 4) = (1, 2, 3, 4)"), bad.getMessage());
        }
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
