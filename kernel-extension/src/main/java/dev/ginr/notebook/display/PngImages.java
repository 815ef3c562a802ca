package dev.ginr.notebook.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/** PNG encoding for Jupyter: base64 image/png, optionally shown at a smaller size than its pixels (crisp at 2x). */
public final class PngImages {

    private PngImages() {}

    /** The PNG bytes of {@code img}. */
    public static byte[] bytes(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PNG as base64, as Jupyter's image/png wants it. */
    public static String base64(BufferedImage img) {
        return Base64.getEncoder().encodeToString(bytes(img));
    }

    /** An {@code <img>} tag with the PNG inline, shown {@code width} x {@code height} CSS pixels. */
    public static String imgTag(BufferedImage img, int width, int height, String alt) {
        return "<img alt=\"" + Html.escape(alt) + "\" width=\"" + width + "\" height=\"" + height
                + "\" src=\"data:image/png;base64," + base64(img) + "\"/>";
    }

    /**
     * Puts image/png into {@code out}; when {@code scale} > 1 the image has that many pixels per CSS pixel and the
     * metadata asks the front end to show it at its logical size, so it stays sharp on high-density screens.
     */
    public static void put(DisplayData out, BufferedImage img, int scale) {
        MIMEType png = MIMEType.IMAGE_PNG;
        out.putData(png, base64(img));
        if (scale > 1) {
            out.putMetaData(png, Map.of("width", img.getWidth() / scale, "height", img.getHeight() / scale));
        }
    }
}
