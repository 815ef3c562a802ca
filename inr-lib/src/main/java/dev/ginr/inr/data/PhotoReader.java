package dev.ginr.inr.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads photos that are files of their own or members of Qt resource files (opened once and kept). PNG, JPEG and
 * WebP are understood (WebP through the TwelveMonkeys ImageIO plug-in). Safe to use from several threads.
 */
public final class PhotoReader {

    /** A file (or container member) that shows the photo {@code id}. */
    record Candidate(String id, Path file, String member) {

        String location() {
            return member.isEmpty() ? file.toString() : file + "!" + member;
        }
    }

    private final Map<Path, QtResourceFile> containers = new ConcurrentHashMap<>();

    /** The opened container {@code file}. */
    QtResourceFile container(Path file) {
        return containers.computeIfAbsent(file, f -> {
            try {
                return QtResourceFile.open(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Qt resource file " + f + ": " + e.getMessage(), e);
            }
        });
    }

    /** The decoded photo, or {@code null} if it cannot be decoded. */
    public BufferedImage read(PhotoSource source) {
        try {
            if (source.member().isEmpty()) {
                return ImageIO.read(source.file().toFile());
            }
            return ImageIO.read(new ByteArrayInputStream(bytes(source.file(), source.member())));
        } catch (IOException | RuntimeException e) {
            return null; // counted by the caller as unreadable
        }
    }

    /** For every id, the largest readable candidate; candidates whose header cannot be read are unreadable. */
    PhotoSourceFinder.Found largestOfEach(Map<String, List<Candidate>> byId) {
        List<PhotoSource> sources = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        byId.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            PhotoSource best = largest(e.getKey(), e.getValue(), unreadable);
            if (best != null) {
                sources.add(best);
            }
        });
        return new PhotoSourceFinder.Found(List.copyOf(sources), List.copyOf(unreadable));
    }

    // Ties in pixel count go to the first location in sorted order (images/ before images_dark/).
    private PhotoSource largest(String id, List<Candidate> candidates, List<String> unreadable) {
        Candidate best = null;
        long bestPixels = -1;
        int[] bestSize = null;
        for (Candidate c : candidates.stream().sorted(java.util.Comparator.comparing(Candidate::location)).toList()) {
            int[] size = headerSize(c);
            if (size == null) {
                unreadable.add(c.location());
                continue;
            }
            long pixels = (long) size[0] * size[1];
            if (pixels > bestPixels) {
                best = c;
                bestPixels = pixels;
                bestSize = size;
            }
        }
        return best == null ? null
                : new PhotoSource(id, best.file(), best.member(), bestSize[0], bestSize[1], candidates.size());
    }

    /** Width and height from the image header, or {@code null} if no reader understands it. */
    int[] headerSize(Candidate c) {
        try (ImageInputStream in = c.member().isEmpty() ? ImageIO.createImageInputStream(c.file().toFile())
                : ImageIO.createImageInputStream(new ByteArrayInputStream(bytes(c.file(), c.member())))) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // counted by the caller as unreadable
        }
    }

    private byte[] bytes(Path container, String member) throws IOException {
        QtResourceFile rcc = container(container);
        QtResourceFile.Entry entry = rcc.entry(member);
        if (entry == null) {
            throw new IOException(member + " is not in " + container);
        }
        return rcc.read(entry);
    }
}
