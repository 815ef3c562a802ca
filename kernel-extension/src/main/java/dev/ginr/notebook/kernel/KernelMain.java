package dev.ginr.notebook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the ginr kernel for Jupyter: {@code java ... dev.ginr.notebook.kernel.KernelMain CONNECTION_FILE}.
 *
 * <p>Start-up builds the JShell, makes the default imports and installs the extensions found on the class path
 * (ServiceLoader, {@code org.dflib.jjava.jupyter.Extension}); it does not start the deep-learning engine, which
 * loads its native library on the first cell that uses it. Set {@code GINR_KERNEL_TIMING=1} to have the start-up
 * time written to the kernel's standard error.
 */
public final class KernelMain {

    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        if (args.length != 1) {
            System.err.println("usage: java -cp CLASSPATH " + KernelMain.class.getName() + " CONNECTION_FILE");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("ginr kernel: connection file " + connectionFile + " does not exist or is not a file");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true"); // images and charts render without a display
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new KernelConnection(properties);
        GinrKernel kernel = GinrKernel.builder().build();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        InterruptSignal.forwardTo(kernel);
        connection.connect();
        kernel.startDefaultImports();
        if (System.getenv("GINR_KERNEL_TIMING") != null) {
            System.err.printf("ginr kernel ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
        connection.waitUntilClose();
        System.exit(0); // cells may have left non-daemon threads behind
    }
}
