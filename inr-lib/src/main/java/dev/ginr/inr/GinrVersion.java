package dev.ginr.inr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The library's version as the build stamped it: recorded in every checkpoint, printed by {@code ginr --version}. */
public final class GinrVersion {

    private static final String VERSION = load();

    private GinrVersion() {}

    /** For example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = GinrVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the library version: " + e.getMessage(), e);
        }
    }
}
