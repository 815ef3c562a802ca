package dev.ginr.inr.data.prepare;

import java.util.Locale;

/** Byte counts for people: "341.7 MB", "1.4 GB". Decimal units, as publishers state dataset sizes. */
final class Sizes {

    private Sizes() {}

    static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
