package dev.ginr.notebook.magic;

/** The words given to a magic do not fit its {@link Usage}; the message says which word and why. */
public class UsageException extends Exception {

    public UsageException(String message) {
        super(message, null, false, false);
    }

    /** {@code --help} was given: show the help text, do nothing else. */
    static final class HelpRequested extends UsageException {
        HelpRequested() {
            super("help requested");
        }
    }
}
