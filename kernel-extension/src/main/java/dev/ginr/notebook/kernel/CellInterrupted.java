package dev.ginr.notebook.kernel;

/** The user interrupted the cell; the kernel and everything defined before the interrupt stay alive. */
public final class CellInterrupted extends RuntimeException {

    public CellInterrupted(String what) {
        super(what, null, false, false);
    }
}
