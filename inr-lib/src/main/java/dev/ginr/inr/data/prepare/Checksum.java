package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A pinned digest of a file and where it was published. SHA-256 where a publisher (or a maintained loader such
 * as torchaudio) gives one; MD5 where only MD5 is published (torchvision's CelebA list, the FFHQ download script,
 * fastai's checks), which guards against corruption but not against tampering; {@link #unpinned} where nothing was
 * published at all, so the user has to accept the file knowingly.
 *
 * @param algorithm {@code SHA-256}, {@code MD5}, or {@code none}
 * @param hex       lower-case hex digest ({@code ""} when unpinned)
 * @param source    who published the digest, e.g. "torchaudio's LibriSpeech loader"
 */
public record Checksum(String algorithm, String hex, String source) {

    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        int length = switch (algorithm) {
            case "SHA-256" -> 64;
            case "MD5" -> 32;
            case "none" -> 0;
            default -> throw new IllegalArgumentException("checksum algorithm " + algorithm
                    + " is not supported: SHA-256, MD5 or none");
        };
        if (hex.length() != length || !hex.matches("[0-9a-f]*")) {
            throw new IllegalArgumentException(algorithm + " digest '" + hex + "' must be " + length + " hex digits");
        }
    }

    /** A SHA-256 digest published by {@code source}. */
    public static Checksum sha256(String hex, String source) {
        return new Checksum("SHA-256", hex, source);
    }

    /** An MD5 digest published by {@code source} (the only digest it publishes). */
    public static Checksum md5(String hex, String source) {
        return new Checksum("MD5", hex, source);
    }

    /** No digest was published; {@code why} says so. */
    public static Checksum unpinned(String why) {
        return new Checksum("none", "", why);
    }

    /** True if a digest is pinned. */
    public boolean pinned() {
        return !algorithm.equals("none");
    }

    /** The digest of {@code file} under this checksum's algorithm (SHA-256 when unpinned). */
    public String digestOf(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(pinned() ? algorithm : "SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    /** E.g. "MD5 1f1f74f1... (published by fastai's checks.txt; MD5 only)". */
    public String describe() {
        if (!pinned()) {
            return "no published checksum (" + source + ")";
        }
        return algorithm + " " + hex + " (" + source + (algorithm.equals("MD5") ? "; the publisher gives MD5 only" : "")
                + ")";
    }
}
