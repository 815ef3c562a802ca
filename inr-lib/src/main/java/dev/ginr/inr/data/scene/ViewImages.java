package dev.ginr.inr.data.scene;

import dev.ginr.inr.render.Camera;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Some views of one object loaded for training: RGB in [0, 1], channel-last, composited over a white background
 * as the reference does (c = rgb a + (1 - a) with the PNG's alpha a), optionally downsampled by an integer factor
 * (averages of factor x factor pixel blocks, with the cameras' focal lengths divided by the factor).
 *
 * @param rgb     (N, S S, 3) flattened, views in the order asked for, rows first
 * @param cameras the N cameras, of size S x S
 * @param size    S
 */
public record ViewImages(float[] rgb, List<Camera> cameras, int size) {

    public ViewImages {
        cameras = List.copyOf(cameras);
        if (rgb.length != cameras.size() * size * size * 3) {
            throw new IllegalArgumentException(cameras.size() + " views of " + size + " x " + size + " need "
                    + cameras.size() * size * size * 3 + " values, got " + rgb.length);
        }
    }

    /**
     * Loads views {@code indices} of {@code object} at {@code resolution} x {@code resolution}.
     *
     * @throws SceneDataException naming the object's pose file when the resolution does not divide its view size,
     *                            or naming an image that cannot be decoded or has changed size
     */
    public static ViewImages load(SceneObject object, int[] indices, int resolution) {
        int native_ = object.size();
        if (resolution < 1 || native_ % resolution != 0) {
            throw new SceneDataException(object.transformsFile(), "views of " + native_ + " x " + native_
                    + " cannot be loaded at " + resolution + " x " + resolution + "; allowed: a divisor of " + native_);
        }
        int factor = native_ / resolution;
        float[] out = new float[indices.length * resolution * resolution * 3];
        List<Camera> cameras = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            SceneView view = object.views().get(indices[k]);
            float[] full = overWhite(view.image(), native_);
            downsample(full, native_, factor, out, k * resolution * resolution * 3);
            cameras.add(view.camera().downsampled(factor));
        }
        return new ViewImages(out, cameras, resolution);
    }

    /** Number of views N. */
    public int count() {
        return cameras.size();
    }

    /** The RGB of view {@code k}, (S S, 3) flattened. */
    public float[] view(int k) {
        int n = size * size * 3;
        return java.util.Arrays.copyOfRange(rgb, k * n, (k + 1) * n);
    }

    /** RGB over white, (S S, 3) flattened, from an RGBA or RGB PNG of side {@code size}. */
    static float[] overWhite(Path file, int size) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new SceneDataException(file, "cannot be decoded: " + e.getMessage());
        }
        if (img == null) {
            throw new SceneDataException(file, "cannot be decoded as an image");
        }
        if (img.getWidth() != size || img.getHeight() != size) {
            throw new SceneDataException(file, "is " + img.getWidth() + " x " + img.getHeight() + " pixels but its "
                    + "camera is " + size + " x " + size + " (was the file replaced after the set was indexed?)");
        }
        float[] out = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int argb = img.getRGB(x, y); // non-premultiplied sRGB
                float a = img.getColorModel().hasAlpha() ? ((argb >>> 24) & 0xff) / 255f : 1f;
                int o = (y * size + x) * 3;
                out[o] = ((argb >> 16) & 0xff) / 255f * a + (1 - a);
                out[o + 1] = ((argb >> 8) & 0xff) / 255f * a + (1 - a);
                out[o + 2] = (argb & 0xff) / 255f * a + (1 - a);
            }
        }
        return out;
    }

    private static void downsample(float[] full, int side, int factor, float[] out, int offset) {
        int s = side / factor;
        float scale = 1f / (factor * factor);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                for (int c = 0; c < 3; c++) {
                    float sum = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        for (int dx = 0; dx < factor; dx++) {
                            sum += full[((y * factor + dy) * side + x * factor + dx) * 3 + c];
                        }
                    }
                    out[offset + (y * s + x) * 3 + c] = sum * scale;
                }
            }
        }
    }
}
