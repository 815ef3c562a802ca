package dev.ginr.inr.data.prepare;

/** Where fetching and preparing report what they do: one line per step, and progress of long tasks. */
public interface PreparationListener {

    /** Does nothing. */
    PreparationListener NONE = new PreparationListener() {
        @Override
        public void step(String message) {
        }

        @Override
        public void progress(String task, long done, long total) {
        }
    };

    /** A step starts or a fact is worth telling, e.g. "verifying imagenette2-320.tgz (MD5)". */
    void step(String message);

    /**
     * Progress of a long task: bytes of a download, images of a preparation.
     *
     * @param total the expected end, or -1 if unknown
     */
    void progress(String task, long done, long total);
}
