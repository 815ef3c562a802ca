package dev.ginr.inr.data.prepare;

/**
 * A dataset could not be fetched or prepared, for a reason the user can act on. The message is one line that names
 * the file, host or value and says what to do; nothing half-prepared is left behind when it is thrown.
 */
public final class PreparationException extends RuntimeException {

    public PreparationException(String message) {
        super(message);
    }

    public PreparationException(String message, Throwable cause) {
        super(message, cause);
    }
}
