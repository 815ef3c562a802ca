package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The preparation of datasets whose loader-specific layout is not written yet (LibriSpeech's clip layout, the
 * ShapeNet scene layout): the unpacked archives move to {@code raw/} as published, and the plain downloaded files
 * (split lists) are copied next to them. The audio and scene kinds replace this with their own
 * {@link DatasetPreparation}.
 */
public final class RawExtraction implements DatasetPreparation {

    private final String contents;

    /** @param contents what {@code raw/} will hold, e.g. "LibriSpeech/train-clean-100/..." */
    public RawExtraction(String contents) {
        this.contents = contents;
    }

    @Override
    public String layout() {
        return "raw/ as published (" + contents + "); no loader layout yet: the audio/scene preparation plugs in here";
    }

    @Override
    public void prepare(Inputs in, Path out, PreparationListener listener) throws IOException {
        Path raw = out.resolve("raw");
        if (Files.isDirectory(in.raw())) {
            Files.move(in.raw(), raw, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.createDirectories(raw);
        }
        List<Path> plain;
        try (Stream<Path> s = Files.list(in.downloads())) {
            plain = s.filter(Files::isRegularFile).filter(p -> !isArchiveName(p)).sorted().toList();
        }
        for (Path p : plain) {
            Files.copy(p, raw.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        listener.step("kept the unpacked files as published under raw/");
    }

    private static boolean isArchiveName(Path p) {
        return RemoteFile.isArchiveName(p.getFileName().toString()) || p.getFileName().toString().endsWith(".part");
    }
}
