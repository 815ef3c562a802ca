package dev.ginr.notebook.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

import java.nio.charset.Charset;

/** The kernel's standard streams and display stream, attached to the request that is running. */
final class KernelIO extends JupyterIO {

    KernelIO(Charset encoding) {
        super(encoding);
    }

    /** Sends the streams and displays to {@code env}'s request; stdin only when the front end allows it. */
    void attach(ShellReplyEnvironment env, boolean stdinAllowed) {
        setEnv(env);
        setJupyterInEnabled(stdinAllowed);
    }

    void detach(ShellReplyEnvironment env) {
        retractEnv(env);
    }
}
