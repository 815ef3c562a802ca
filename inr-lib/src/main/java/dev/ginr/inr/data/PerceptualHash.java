package dev.ginr.inr.data;

/**
 * A small perceptual fingerprint of a photo: the photo is averaged down to 9 x 8 grey cells; {@code bits} is the
 * 64-bit difference hash ("dHash", bit = cell darker than its right neighbour) and {@code cells} keeps the cell
 * brightness. Resizes, re-encodings and slight edits of one photo change few bits and little brightness, so both
 * small together mark a near-duplicate. The brightness check matters for smooth pictures (sky, gradients, stripes):
 * their dHash is nearly all zeros or a repeated pattern, so bits alone would join unrelated photos.
 *
 * @param bits  the difference hash
 * @param cells mean luma (0..255) of the 9 x 8 cells, row-major
 */
public record PerceptualHash(long bits, int[] cells) {

    /** Largest number of differing hash bits (of 64) between near-duplicates. */
    public static final int MAX_BIT_DISTANCE = 10;
    /** Largest mean absolute cell brightness difference (of 255) between near-duplicates. */
    public static final int MAX_CELL_DIFFERENCE = 12;

    private static final int COLUMNS = 9;
    private static final int ROWS = 8;

    /** The fingerprint of packed RGB pixels ({@code 0xRRGGBB}, row-major, {@code width} x {@code height}). */
    public static PerceptualHash of(int[] rgb, int width, int height) {
        if (width < COLUMNS || height < ROWS) {
            throw new IllegalArgumentException("perceptual hash needs at least " + COLUMNS + " x " + ROWS
                    + " pixels, got " + width + " x " + height);
        }
        int[] grey = new int[COLUMNS * ROWS];
        for (int r = 0; r < ROWS; r++) {
            int y0 = r * height / ROWS;
            int y1 = (r + 1) * height / ROWS;
            for (int c = 0; c < COLUMNS; c++) {
                grey[r * COLUMNS + c] = meanGrey(rgb, width, c * width / COLUMNS, (c + 1) * width / COLUMNS, y0, y1);
            }
        }
        long hash = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS - 1; c++) {
                hash = (hash << 1) | (grey[r * COLUMNS + c] < grey[r * COLUMNS + c + 1] ? 1 : 0);
            }
        }
        return new PerceptualHash(hash, grey);
    }

    /** Number of differing hash bits, 0 (same) to 64. */
    public int bitDistance(PerceptualHash other) {
        return Long.bitCount(bits ^ other.bits);
    }

    /** Mean absolute difference of cell brightness, 0 to 255. */
    public int cellDifference(PerceptualHash other) {
        long sum = 0;
        for (int i = 0; i < cells.length; i++) {
            sum += Math.abs(cells[i] - other.cells[i]);
        }
        return (int) (sum / cells.length);
    }

    /** True if both the hash bits and the cell brightness are within the near-duplicate limits. */
    public boolean isNearDuplicateOf(PerceptualHash other) {
        return bitDistance(other) <= MAX_BIT_DISTANCE && cellDifference(other) <= MAX_CELL_DIFFERENCE;
    }

    /** The hash bits as 16 hex digits, as written in manifests. */
    public String hex() {
        return String.format("%016x", bits);
    }

    // Luma (ITU-R 601 weights, in 1/1000 units while summing) averaged over a cell; integer arithmetic keeps it exact.
    private static int meanGrey(int[] rgb, int width, int x0, int x1, int y0, int y1) {
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            for (int x = x0; x < x1; x++) {
                int p = rgb[row + x];
                sum += 299L * ((p >> 16) & 0xff) + 587L * ((p >> 8) & 0xff) + 114L * (p & 0xff);
            }
        }
        return (int) (sum / Math.max(1, 1000L * (x1 - x0) * (y1 - y0)));
    }
}
