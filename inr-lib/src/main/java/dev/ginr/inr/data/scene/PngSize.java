package dev.ginr.inr.data.scene;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The width and height of a PNG file from its header (the 8-byte signature, then the IHDR chunk), read without
 * decoding the image, so that every view of a large multi-view set can be checked against its camera up front.
 *
 * @param width  pixels per row
 * @param height rows
 */
public record PngSize(int width, int height) {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * Reads the size of {@code file}.
     *
     * @throws SceneDataException naming the file when it is missing, unreadable or not a PNG
     */
    public static PngSize of(Path file) {
        byte[] head = new byte[24];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n < head.length || !Arrays.equals(Arrays.copyOf(head, 8), SIGNATURE)
                    || !new String(head, 12, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("IHDR")) {
                throw new SceneDataException(file, "is not a PNG image (the views of a scene are PNG files)");
            }
        } catch (NoSuchFileException e) {
            throw new SceneDataException(file, "is missing (named by the scene's transforms.json)");
        } catch (IOException e) {
            throw new SceneDataException(file, "cannot be read: " + e.getMessage());
        }
        ByteBuffer b = ByteBuffer.wrap(head, 16, 8); // big-endian width, height
        return new PngSize(b.getInt(), b.getInt());
    }
}
