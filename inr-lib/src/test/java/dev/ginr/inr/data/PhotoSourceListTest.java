package dev.ginr.inr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoSourceListTest {

    @Test
    void resolvesFilesAndContainerMembersOfTheNamedPackageOnly(@TempDir Path tmp) throws IOException {
        Path walls = tmp.resolve("wallpapers");
        SyntheticPhotos.write(SyntheticPhotos.photo(300, 200, 1), walls.resolve("Kite/contents/images/1920x1080.png"));
        SyntheticPhotos.write(SyntheticPhotos.photo(150, 100, 1), walls.resolve("Kite/contents/images/960x540.png"));
        SyntheticPhotos.write(SyntheticPhotos.photo(300, 200, 2), walls.resolve("Render/contents/images/1920x1080.png"));
        Path foreign = SyntheticPhotos.write(SyntheticPhotos.photo(300, 200, 3),
                walls.resolve("Kite/contents/images/2560x1600.png")); // installed by another package
        Path rcc = tmp.resolve("erase.rcc");
        Files.write(rcc, QtResourceFiles.write(Map.of("/gc/erase/resource/bee.png", png(SyntheticPhotos.photo(120, 90, 4)),
                "/gc/erase/resource/cow.png", png(SyntheticPhotos.photo(90, 120, 5)),
                "/gc/erase/resource/erase.svg", "<svg/>".getBytes()), List.of("/gc/erase/resource/cow.png"), 3));
        PhotoSourceList list = PhotoSourceList.parse("# comment\n"
                + "walls\t" + walls + "/{Kite}/contents/images/*.png\n"
                + "gc\t" + rcc + "!/gc/erase/resource/*.png\n"
                + "gc\t" + rcc + "!/gc/lang/*.png\n", "test list");
        PhotoSourceList.Resolved r = list.resolve(f -> f.equals(foreign) ? "other" : f.startsWith(walls) ? "walls"
                : f.equals(rcc) ? "gc" : null, new PhotoReader());
        List<PhotoSource> sources = r.found().sources();
        assertEquals(List.of("gc/erase/bee", "gc/erase/cow", "walls/Kite"), sources.stream().map(PhotoSource::id).toList());
        PhotoSource kite = sources.get(2);
        assertEquals(2, kite.variants()); // two resolutions of the package; the foreign file is not one
        assertEquals(300, kite.width());
        PhotoSource cow = sources.get(1);
        assertEquals(rcc + "!/gc/erase/resource/cow.png", cow.location());
        assertEquals(120, cow.height());
        assertEquals(90, new PhotoReader().read(cow).getWidth()); // a zlib-compressed member decodes
        assertEquals(List.of("line 4: no photo of package gc matches " + rcc + "!/gc/lang/*.png"), r.missing());
        assertEquals(List.of("walls", "gc"), list.packages());
    }

    @Test
    void aMalformedLineIsReportedWithItsNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhotoSourceList.parse("pkg\t/ok/*.jpg\npkg relative/path\n", "my.tsv"));
        assertTrue(e.getMessage().startsWith("my.tsv line 2 is 'pkg relative/path': expected"), e.getMessage());
    }

    @Test
    void theShippedListNamesOnlyPhotoSourcesAndTheScriptInstallsItsPackages() throws IOException {
        PhotoSourceList shipped = PhotoSourceList.shipped();
        assertEquals(List.of("gcompris-qt-data", "lomiri-wallpapers-16.04", "mate-backgrounds", "palapeli-data",
                "plasma-workspace-wallpapers"), shipped.packages());
        assertTrue(shipped.lines().stream().noneMatch(l -> l.path().contains("/lang") || l.path().contains("abstract")
                || l.path().contains("umang")), shipped.lines().toString());
        Path script = repo().resolve("data-scripts/build-offline-photos.sh");
        Matcher m = Pattern.compile("(?m)^PACKAGES=\\(([^)]*)\\)").matcher(Files.readString(script));
        assertTrue(m.find(), "no PACKAGES=(...) line in " + script);
        assertEquals(shipped.packages().stream().sorted().toList(),
                List.of(m.group(1).trim().split("\\s+")).stream().sorted().toList());
    }

    @Test
    void globPrefixIsTheFolderBeforeTheFirstWildcard() {
        assertEquals("/usr/share/wallpapers/", PhotoSourceList.fixedPrefix("/usr/share/wallpapers/{A,B}/x/*.jpg"));
        assertEquals("/gc/erase/resource/", PhotoSourceList.fixedPrefix("/gc/erase/resource/*.webp"));
    }

    private static byte[] png(java.awt.image.BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("data-scripts"))) {
            p = p.getParent();
        }
        return p;
    }
}
