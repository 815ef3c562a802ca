package dev.ginr.notebook.magic;

/**
 * A magic could not do what it was asked (a missing folder, an invalid config, an unknown run): the cell fails with
 * this one message, which names the magic and the offending value, and no stack trace.
 */
public final class MagicFailure extends RuntimeException {

    public MagicFailure(String message) {
        super(message, null, false, false);
    }
}
