package dev.ginr.inr.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The signals read from a data folder, whatever their kind: images ({@link ImageFolder}) or audio clips
 * ({@link dev.ginr.inr.data.audio.AudioClipFolder}). Files that could not be used were skipped and counted; the
 * summary says how many and why.
 */
public interface SignalFolder {

    /** The files that were read, in batch order. */
    List<Path> files();

    /** The signals, (B, P, C) on their grid. */
    SignalBatch signals();

    /** "read 120 clips, skipped 3 files (...)": what was read and what was skipped. */
    String summary();

    /** The first {@code n} signals (all when {@code n} is 0 or at least the count), keeping what was skipped. */
    SignalFolder first(int n);

    /** The signals; the name image folders give them, so that code written for images reads any kind. */
    default SignalBatch images() {
        return signals();
    }

    /** Number of signals read. */
    default int count() {
        return files().size();
    }

    /** A data folder loaded as two disjoint parts. */
    record Split(SignalFolder train, SignalFolder test) {

        /** "train: read 120 clips; test: read 30 clips, skipped 1 file (1 empty file)" */
        public String summary() {
            return "train: " + train.summary() + "; test: " + test.summary();
        }
    }
}
