package dev.ginr.notebook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stop_on_error}: after a cell fails, the execute requests that were waiting on the shell socket before the
 * client could know of the failure (the cells a "Run all" queued behind it) are answered with status
 * {@code aborted} instead of being run, as IPython does; any other request waiting there (completion, inspection,
 * kernel info) is answered as usual.
 *
 * <p>The waiting requests are taken in {@link #takeWaiting} BEFORE the failed cell's reply goes out, and answered in
 * {@link #answer} after it. A request read only after the reply was sent may come from a client that saw the failure
 * and asked for the next thing on purpose (a test driver checking the kernel after an interrupt did exactly that
 * and had its cell aborted, about once in 25 tries): it must run, so it is left on the socket for the channel's loop.
 *
 * <p>Runs on the shell channel's own thread, inside the failed cell's handler, so reading the socket here cannot
 * race the channel's loop.
 */
final class QueuedRequests {

    private final JupyterConnection connection;

    QueuedRequests(JupyterConnection connection) {
        this.connection = connection;
    }

    /** Reads every request now waiting on {@code env}'s shell socket, without answering any. */
    List<Message<?>> takeWaiting(ShellReplyEnvironment env) {
        List<Message<?>> waiting = new ArrayList<>();
        if (env.getShell() instanceof ShellChannel shell) {
            while ((shell.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                Message<?> request = shell.readMessage();
                if (request == null) {
                    break; // the socket was closed
                }
                waiting.add(request);
            }
        }
        return waiting;
    }

    /** Answers {@code waiting} (from {@link #takeWaiting}) in order, aborting the execute requests. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void answer(ShellReplyEnvironment env, List<Message<?>> waiting) {
        if (!(env.getShell() instanceof ShellChannel shell)) {
            return;
        }
        for (Message<?> request : waiting) {
            ShellReplyEnvironment reply = connection.prepareReplyEnv(shell, request);
            MessageType<?> type = request.getHeader().getType();
            if (type == MessageType.EXECUTE_REQUEST) {
                reply.setBusyDeferIdle();
                Map<String, Object> aborted = new LinkedHashMap<>();
                aborted.put("status", "aborted");
                reply.reply(new Message(reply.getContext(), MessageType.EXECUTE_REPLY, aborted));
            } else {
                ShellHandler handler = connection.getHandler(type);
                if (handler != null) {
                    handler.handle(reply, request);
                }
            }
            reply.resolveDeferrals();
            if (reply.isMarkedForShutdown()) {
                connection.close();
                return;
            }
        }
    }
}
