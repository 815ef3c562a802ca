package dev.ginr.notebook.display;

import java.awt.image.BufferedImage;

/**
 * A picture made for the notebook with what it shows in words: {@code display(picture)} sends it as image/png with
 * the description as its text (a bare BufferedImage would show as its Java toString).
 */
public record Picture(BufferedImage image, String description) {
}
