package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset the paper uses, as its publishers serve it: the files to download (with pinned checksums), an optional
 * index that lists further files (FFHQ's images), estimates of the space it takes, and the preparation that writes
 * the layout our loaders read.
 *
 * @param name          the name on the command line, e.g. {@code imagenette}
 * @param title         one line on what it is and how it is prepared
 * @param terms         the licence or terms of use the user accepts by downloading it
 * @param files         files to download, in order
 * @param index         files listed by one of {@code files} (downloaded after it), or {@code null}
 * @param unpackedBytes estimated size of the unpacked archives (0 if nothing is unpacked)
 * @param preparedBytes estimated size of the prepared folder beyond the unpacked files
 * @param preparation   writes the prepared layout
 */
public record Dataset(String name, String title, String terms, List<RemoteFile> files, Index index,
                      long unpackedBytes, long preparedBytes, DatasetPreparation preparation) {

    public Dataset {
        files = List.copyOf(files);
    }

    /** Files listed inside a downloaded file. */
    public interface Index {

        /** The name (in {@link #files()}) of the downloaded file that lists the others. */
        String listedIn();

        /** The files {@code indexFile} lists. */
        List<RemoteFile> files(Path indexFile) throws IOException;

        /** Estimated total size of the listed files, for the disk-space check before the index is downloaded. */
        long approxBytes();
    }

    /** This dataset with other files and index (a mirror, or fixtures in tests); the preparation is kept. */
    public Dataset withFiles(List<RemoteFile> newFiles, Index newIndex) {
        return new Dataset(name, title, terms, newFiles, newIndex, unpackedBytes, preparedBytes, preparation);
    }
}
