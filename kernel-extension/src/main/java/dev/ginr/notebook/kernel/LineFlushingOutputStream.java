package dev.ginr.notebook.kernel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Buffers a cell's output and passes it on at each line end (and on {@link #flush()}), so that a line printed in
 * pieces ({@code printf}, {@code print}) reaches the notebook as one stream message instead of one per piece.
 * {@code PrintStream}'s own auto-flush cannot do this: it flushes after every write.
 */
final class LineFlushingOutputStream extends BufferedOutputStream {

    LineFlushingOutputStream(OutputStream target) {
        super(target, 8192);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        super.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        super.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                flush();
                return;
            }
        }
    }
}
