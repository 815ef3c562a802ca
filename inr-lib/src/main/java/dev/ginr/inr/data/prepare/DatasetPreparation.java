package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The last step of fetching a dataset: turns the verified downloads into the folder layout our loaders read. It is
 * the plug-in point of each signal kind: the image sets write {@code train/} and {@code test/} folders of square
 * PNGs; the audio and scene loaders plug their own preparation in here (until then {@link RawExtraction} keeps the
 * archives' contents as published).
 *
 * <p>A preparation writes only below {@code out}, an empty staging folder; the fetcher moves it into place in one
 * rename when {@link #prepare} returns, and deletes it when it throws, so no half-prepared folder is ever left.
 */
public interface DatasetPreparation {

    /**
     * What {@link #prepare} receives.
     *
     * @param raw       the unpacked archives (each archive's entries below this folder)
     * @param downloads the verified downloaded files (archives and plain files, e.g. split lists)
     */
    record Inputs(Path raw, Path downloads) {}

    /** One line describing the written layout, relative to the prepared folder, for --dry-run and READMEs. */
    String layout();

    /** Writes the prepared layout below {@code out}. */
    void prepare(Inputs in, Path out, PreparationListener listener) throws IOException;
}
