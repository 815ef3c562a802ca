package dev.ginr.notebook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.zeromq.ZMQ;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stop_on_error}: after a cell fails, the execute requests already waiting on the shell socket (the cells a
 * "Run all" queued behind it) are answered with status {@code aborted} instead of being run, as IPython does;
 * any other request waiting there (completion, inspection, kernel info) is answered as usual.
 *
 * <p>Runs on the shell channel's own thread, inside the failed cell's handler, so reading the socket here cannot
 * race the channel's loop.
 */
final class QueuedRequests {

    private final JupyterConnection connection;

    QueuedRequests(JupyterConnection connection) {
        this.connection = connection;
    }

    /** Answers every request now waiting on {@code env}'s shell socket, aborting the execute requests. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void abortWaiting(ShellReplyEnvironment env) {
        if (!(env.getShell() instanceof ShellChannel shell)) {
            return;
        }
        while ((shell.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            Message<?> request = shell.readMessage();
            if (request == null) {
                return; // the socket was closed
            }
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
