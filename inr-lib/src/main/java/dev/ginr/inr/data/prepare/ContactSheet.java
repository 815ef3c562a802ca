package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.Images;
import dev.ginr.inr.render.Camera;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Pictures of a built multi-view set for a person to look at: a contact sheet (one row per object, a few of its
 * views over white), and a pose check (one view per object, enlarged, with the object's bounding box corners
 * projected by {@link Camera#project} as red dots and its centre as a blue cross: the box must enclose what
 * Blender drew).
 */
final class ContactSheet {

    private ContactSheet() {}

    /** One row per object: the first {@code columns} of its views, composited over white. */
    static void write(List<List<Path>> views, int columns, int size, Path out) throws IOException {
        BufferedImage sheet = canvas(columns * (size + 2), views.size() * (size + 2));
        Graphics2D g = sheet.createGraphics();
        for (int r = 0; r < views.size(); r++) {
            for (int c = 0; c < Math.min(columns, views.get(r).size()); c++) {
                g.setColor(Color.WHITE);
                g.fillRect(c * (size + 2) + 1, r * (size + 2) + 1, size, size);
                g.drawImage(ImageIO.read(views.get(r).get(c).toFile()), c * (size + 2) + 1, r * (size + 2) + 1, null);
            }
        }
        g.dispose();
        Images.writePng(sheet, out);
    }

    /**
     * One enlarged view per object (up to {@code perRow} per row) with the projected bounding box.
     *
     * @param corners per object: 9 world points, the box centre first, then its 8 corners
     */
    static void writePoseCheck(List<Path> views, List<Camera> cameras, List<double[][]> corners, int scale,
                               int perRow, Path out) throws IOException {
        int size = cameras.get(0).width() * scale;
        perRow = Math.max(1, Math.min(perRow, views.size()));
        int rows = (views.size() + perRow - 1) / perRow;
        BufferedImage sheet = canvas(perRow * (size + 4), rows * (size + 4));
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < views.size(); i++) {
            int x = (i % perRow) * (size + 4) + 2;
            int y = (i / perRow) * (size + 4) + 2;
            g.setColor(Color.WHITE);
            g.fillRect(x, y, size, size);
            g.drawImage(ImageIO.read(views.get(i).toFile()), x, y, size, size, null);
            double[][] pts = corners.get(i);
            for (int k = 0; k < pts.length; k++) {
                double[] p = cameras.get(i).project(pts[k][0], pts[k][1], pts[k][2]);
                int px = x + (int) Math.round(p[0] * scale);
                int py = y + (int) Math.round(p[1] * scale);
                if (k == 0) {
                    g.setColor(Color.BLUE);
                    g.drawLine(px - 4, py, px + 4, py);
                    g.drawLine(px, py - 4, px, py + 4);
                } else {
                    g.setColor(Color.RED);
                    g.fillOval(px - 2, py - 2, 5, 5);
                }
            }
        }
        g.dispose();
        Images.writePng(sheet, out);
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xe0e0e0));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }
}
