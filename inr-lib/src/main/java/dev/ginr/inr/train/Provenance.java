package dev.ginr.inr.train;

import dev.ginr.inr.data.SignalBatch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a checkpoint records about the data it was trained on: a fingerprint of the training signals themselves
 * (SHA-256 of their shape and values), so that two runs on the same pixels agree however the files were named or
 * where they lay, and any changed, added or removed image changes it (for scenes, of the files the views are read
 * from: {@link SceneSignals#fingerprint}). The library version and the time written are
 * added by {@link Checkpoint#write}.
 */
final class Provenance {

    /** Metadata key of the training data's fingerprint. */
    static final String DATA_FINGERPRINT = "data.fingerprint";
    /** Metadata key of the number of training signals. */
    static final String DATA_SIGNALS = "data.train_signals";

    private static final int CHUNK = 1 << 16;

    private Provenance() {}

    /** "sha256:" and the hex digest of the batch's shape and little-endian float values. */
    static String fingerprint(SignalBatch data) {
        MessageDigest sha = sha256();
        sha.update((data.count() + " x " + Arrays.toString(data.grid()) + " x " + data.channels() + "\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        float[] v = data.values();
        for (int at = 0; at < v.length; at += CHUNK) {
            int n = Math.min(CHUNK, v.length - at);
            floats.clear();
            floats.put(v, at, n);
            sha.update(bytes.array(), 0, n * Float.BYTES);
        }
        return digest(sha);
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** "sha256:" and the hex digest of what {@code sha} has read. */
    static String digest(MessageDigest sha) {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
