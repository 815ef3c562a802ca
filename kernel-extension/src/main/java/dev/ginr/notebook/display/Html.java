package dev.ginr.notebook.display;

import java.util.Locale;

/** HTML text helpers: everything a user or a file name can put into a cell is escaped before it reaches HTML. */
public final class Html {

    private Html() {}

    /** {@code s} with &amp;, &lt;, &gt;, &quot; and &#39; escaped, so that {@code <script>} shows as text. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A number as a table shows it: PSNRs and other decibel values ({@code dB} or {@code PSNR} in the column name)
     * with 2 decimals; integral values without decimals; other values with up to 4 significant decimals; missing or
     * NaN as an em dash.
     */
    public static String number(double v, String columnName) {
        if (Double.isNaN(v)) {
            return "\u2014";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String n = columnName == null ? "" : columnName.toLowerCase(Locale.ROOT);
        if (n.contains("db") || n.contains("psnr")) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            String s = String.format(Locale.ROOT, "%.4f", v);
            return s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
