package dev.ginr.inr.cli;

import dev.ginr.inr.data.prepare.PreparationListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows fetching and preparing on the terminal: steps as lines, downloads and image counts as a bar redrawn in
 * place on a console (one line per 10 % otherwise, for logs and CI).
 */
final class DataProgress implements PreparationListener {

    private static final int WIDTH = 28;

    private final PrintStream out;
    private final boolean redraw;
    private String lastTask = "";
    private int lastTenth = -1;
    private boolean open;

    DataProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    DataProgress(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    @Override
    public synchronized void step(String message) {
        endLine();
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void progress(String task, long done, long total) {
        int tenth = total > 0 ? (int) (10 * done / total) : -1;
        if (!redraw && task.equals(lastTask) && tenth == lastTenth && done != total) {
            return;
        }
        lastTask = task;
        lastTenth = tenth;
        String line = line(task, done, total);
        if (redraw) {
            out.print("\r" + line);
            open = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String line(String task, long done, long total) {
        boolean bytes = !task.equals("images") && !task.startsWith("unpacking");
        String d = bytes ? String.format(Locale.ROOT, "%.1f MB", done / 1e6) : Long.toString(done);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s: %s", task, d);
        }
        int filled = (int) Math.min(WIDTH, Math.round((double) done / total * WIDTH));
        String t = bytes ? String.format(Locale.ROOT, "%.1f MB", total / 1e6) : Long.toString(total);
        return String.format(Locale.ROOT, "[%s] %3d%%  %s: %s / %s", "#".repeat(filled) + "-".repeat(WIDTH - filled),
                Math.round(100.0 * done / total), task, d, t);
    }

    private void endLine() {
        if (open) {
            out.println();
            open = false;
        }
    }
}
