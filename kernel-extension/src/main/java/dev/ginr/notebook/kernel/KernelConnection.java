package dev.ginr.notebook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The kernel's Jupyter connection, with every IOPub message sent by one thread that is never interrupted.
 *
 * <p>Why: cells print and display from their own threads, and a training display from its own; an interrupt sets
 * the flag of the cell's thread, and ZeroMQ refuses to send from an interrupted thread ("Errno 4: Interrupted
 * function"), or worse, closes its signalling pipe under it. Here a publishing thread hands the message to the
 * IOPub thread and waits for it without being interruptible, then restores its interrupt flag, so the cell still
 * sees the interrupt and the socket never does. Messages keep their order: they all pass through the one thread.
 */
final class KernelConnection extends JupyterConnection {

    private final ExecutorService iopubThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ginr-iopub");
        t.setDaemon(true);
        return t;
    });

    KernelConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
        return new Environment(shell, context);
    }

    @Override
    public void close() {
        super.close();
        iopubThread.shutdown();
    }

    /** A reply environment whose IOPub messages go through the IOPub thread. */
    private final class Environment extends ShellReplyEnvironment {

        Environment(ShellChannel shell, MessageContext context) {
            super(shell, stdin, iopub, context);
        }

        @Override
        public void publish(Message<?> msg) {
            Uninterruptible.await(iopubThread.submit(() -> super.publish(msg)));
        }
    }
}
