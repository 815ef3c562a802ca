package dev.ginr.inr.data.audio;

/** A file that is not a WAV file this library reads; the message is the reason, e.g. "corrupt header: ...". */
public final class WavFormatException extends RuntimeException {

    public WavFormatException(String reason) {
        super(reason);
    }
}
