package dev.ginr.inr.cli;

import dev.ginr.inr.train.ProgressEvent;
import dev.ginr.inr.train.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for the terminal: one line redrawn in place on a console, one line per report otherwise (logs, CI).
 */
class TerminalProgress implements ProgressListener {

    private static final int WIDTH = 28;

    private final PrintStream out;
    private final boolean redraw;

    TerminalProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    TerminalProgress(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    static String line(ProgressEvent e) {
        int filled = (int) Math.round(e.fraction() * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String rate = Double.isNaN(e.stepsPerSecond()) ? "   - steps/s" : String.format(Locale.ROOT, "%5.1f steps/s",
                e.stepsPerSecond());
        String eta = Double.isNaN(e.etaSeconds()) ? "ETA -" : String.format(Locale.ROOT, "ETA %.0fs", e.etaSeconds());
        return String.format(Locale.ROOT, "[%s] %d/%d  loss %.5f  PSNR %.2f dB  %s  %s", bar, e.step(),
                e.totalSteps(), e.loss(), e.psnr(), rate, eta);
    }

    @Override
    public void onProgress(ProgressEvent e) {
        if (redraw) {
            out.print("\r" + line(e));
        } else {
            out.println(line(e));
        }
        out.flush();
    }

    @Override
    public void onFinish(ProgressEvent last) {
        if (redraw) {
            out.println();
        }
    }
}
