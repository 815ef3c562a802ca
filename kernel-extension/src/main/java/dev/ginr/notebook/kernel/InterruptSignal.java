package dev.ginr.notebook.kernel;

import sun.misc.Signal;

/**
 * Turns SIGINT into a cell interrupt. The kernelspec asks Jupyter to interrupt by message, but a front end that
 * sends the signal anyway (or Ctrl-C in a terminal) must not kill the JVM and lose the session's state.
 */
final class InterruptSignal {

    private InterruptSignal() {}

    static void forwardTo(GinrKernel kernel) {
        try {
            Signal.handle(new Signal("INT"), s -> kernel.interrupt());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the platform has no SIGINT or it is reserved: message-mode interrupts still work
        }
    }
}
