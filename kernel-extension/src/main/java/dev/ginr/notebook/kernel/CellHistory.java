package dev.ginr.notebook.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of the cells run in this kernel, answering Jupyter's history requests: the last n
 * cells, a range of cell numbers, or a search by glob pattern. Kept in memory for the life of the kernel, which is
 * session {@link #SESSION}; a restarted kernel starts a new, empty history.
 *
 * <p>Each entry is {@code [session, cell number, input]}, or {@code [session, cell number, [input, output]]} when
 * the output is asked for (the cell's text/plain value, empty when it had none), as the messaging spec says.
 */
final class CellHistory {

    /** This kernel's session number (IPython counts sessions from 1). */
    static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    /** Records cell {@code number}; {@code output} is its text value or null. */
    synchronized void add(int number, String input, String output) {
        cells.add(new Cell(number, input, output == null ? "" : output));
    }

    /** The last {@code n} cells (all when {@code n <= 0}), oldest first. */
    synchronized List<List<Object>> tail(int n, boolean output) {
        return entries(last(cells, n), output);
    }

    /**
     * Cells numbered {@code start} (inclusive) to {@code stop} (exclusive; {@code stop <= 0}: to the end) of
     * {@code session} (this session's number, or 0 or less for the current one; others have no cells).
     */
    synchronized List<List<Object>> range(int session, int start, int stop, boolean output) {
        if (session > 0 && session != SESSION) {
            return List.of();
        }
        return entries(cells.stream().filter(c -> c.number() >= start && (stop <= 0 || c.number() < stop))
                .toList(), output);
    }

    /**
     * The last {@code n} cells (all when {@code n <= 0}) whose whole input matches the glob {@code pattern} ({@code *}
     * any run of characters, {@code ?} one character, {@code [a-z]} or {@code [^a-z]} a class, as SQLite's GLOB);
     * with {@code unique}, each distinct input once, at its latest position.
     */
    synchronized List<List<Object>> search(String pattern, int n, boolean unique, boolean output) {
        Pattern regex = glob(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Cell> matches = cells.stream().filter(c -> regex.matcher(c.input()).matches()).toList();
        if (unique) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            matches.forEach(c -> {
                latest.remove(c.input());
                latest.put(c.input(), c);
            });
            matches = List.copyOf(latest.values());
        }
        return entries(last(matches, n), output);
    }

    private static List<Cell> last(List<Cell> list, int n) {
        return n <= 0 || n >= list.size() ? list : list.subList(list.size() - n, list.size());
    }

    private static List<List<Object>> entries(List<Cell> list, boolean output) {
        return list.stream().map(c -> List.<Object>of(SESSION, c.number(),
                output ? List.of(c.input(), c.output()) : c.input())).toList();
    }

    /** A glob as a regular expression over the whole input (SQLite GLOB semantics, case-sensitive). */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append("[\\s\\S]*");
            } else if (c == '?') {
                re.append("[\\s\\S]");
            } else if (close > 0) {
                String body = glob.substring(i + 1, close);
                boolean negated = body.startsWith("^");
                String set = (negated ? body.substring(1) : body).replace("\\", "\\\\").replace("[", "\\[");
                re.append(negated ? "[^" : "[").append(set).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
