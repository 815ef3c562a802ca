package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per dataset of the catalog, a fixture that mimics what its publisher serves (same file names, same archive
 * layout, a few tiny images or sound files), served by a {@link FixtureServer}; the dataset keeps its real
 * preparation, only its files point at the loopback server with the fixtures' own digests (same algorithm as the
 * real pin where one is published).
 */
final class DatasetFixtures {

    /** How the main archive is spoiled. */
    enum Variant { GOOD, ESCAPING_ENTRY, SYMLINK_ENTRY }

    /**
     * A fixture.
     *
     * @param dataset  the catalog's dataset with loopback files
     * @param main     the file the failure tests spoil (the first archive, or FFHQ's metadata file)
     * @param expected files that the prepared folder must hold
     * @param absent   files that it must not hold (a split the reference leaves out)
     */
    record Fixture(Dataset dataset, String main, List<String> expected, List<String> absent) {}

    static final List<String> NAMES = List.of("celeba", "ffhq", "imagenette", "librispeech", "shapenet-chairs",
            "shapenet-cars", "shapenet-lamps");

    private DatasetFixtures() {}

    static Fixture of(String name, FixtureServer server, Variant v) {
        Dataset real = DatasetCatalog.named(name);
        return switch (name) {
            case "celeba" -> {
                Map<String, Object> e = FixtureArchives.entries(
                        "img_align_celeba/000001.jpg", FixtureArchives.image(178, 218, 1, "jpg"),
                        "img_align_celeba/000002.jpg", FixtureArchives.image(178, 218, 2, "jpg"),
                        "img_align_celeba/170000.jpg", FixtureArchives.image(178, 218, 3, "jpg"),
                        "img_align_celeba/182638.jpg", FixtureArchives.image(178, 218, 4, "jpg"));
                spoil(e, v, "img_align_celeba/");
                RemoteFile zip = serve(server, real.files().get(0), FixtureArchives.zip(e));
                yield new Fixture(real.withFiles(List.of(zip), null), zip.name(),
                        List.of("train/000001.png", "train/000002.png", "test/182638.png"),
                        List.of("train/170000.png", "test/170000.png"));
            }
            case "imagenette" -> {
                Map<String, Object> e = FixtureArchives.entries(
                        "imagenette2-320/noisy_imagenette.csv", "path,label\n",
                        "imagenette2-320/train/n01440764/n01440764_1.JPEG", FixtureArchives.image(427, 320, 5, "jpg"),
                        "imagenette2-320/train/n02102040/n02102040_7.JPEG", FixtureArchives.image(320, 480, 6, "jpg"),
                        "imagenette2-320/val/n01440764/ILSVRC2012_val_1.JPEG", FixtureArchives.image(320, 320, 7, "jpg"));
                spoil(e, v, "imagenette2-320/");
                RemoteFile tgz = serve(server, real.files().get(0), FixtureArchives.tar(e, true));
                yield new Fixture(real.withFiles(List.of(tgz), null), tgz.name(),
                        List.of("train/n01440764/n01440764_1.png", "train/n02102040/n02102040_7.png",
                                "test/n01440764/ILSVRC2012_val_1.png"), List.of("noisy_imagenette.csv"));
            }
            case "librispeech" -> {
                Map<String, Object> train = FixtureArchives.entries(
                        "LibriSpeech/train-clean-100/19/198/19-198-0000.flac", "fLaC fixture 1",
                        "LibriSpeech/train-clean-100/19/198/19-198.trans.txt", "19-198-0000 NORTHANGER ABBEY\n");
                spoil(train, v, "LibriSpeech/");
                Map<String, Object> test = FixtureArchives.entries(
                        "LibriSpeech/test-clean/61/70968/61-70968-0000.flac", "fLaC fixture 2");
                RemoteFile a = serve(server, real.files().get(0), FixtureArchives.tar(train, true));
                RemoteFile b = serve(server, real.files().get(1), FixtureArchives.tar(test, true));
                yield new Fixture(real.withFiles(List.of(a, b), null), a.name(),
                        List.of("raw/LibriSpeech/train-clean-100/19/198/19-198-0000.flac",
                                "raw/LibriSpeech/test-clean/61/70968/61-70968-0000.flac"), List.of());
            }
            case "ffhq" -> ffhq(real, server, v);
            default -> shapenet(real, server, v);
        };
    }

    private static Fixture shapenet(Dataset real, FixtureServer server, Variant v) {
        String category = real.name().substring("shapenet-".length());
        String singular = category.substring(0, category.length() - 1);
        Map<String, Object> e = FixtureArchives.entries(
                category + "/1a2b3c/transforms.json", "{\"camera_angle_x\": 0.69, \"frames\": []}",
                category + "/1a2b3c/r_0.png", FixtureArchives.image(128, 128, 8, "png"));
        spoil(e, v, category + "/");
        byte[] zip = FixtureArchives.zip(e);
        byte[] splits = ("{\"train\": [\"1a2b3c\"], \"test\": []}").getBytes(StandardCharsets.UTF_8);
        RemoteFile a = pinned(server, "shapenet_" + category + ".zip", zip);
        RemoteFile b = pinned(server, singular + "_splits.json", splits);
        return new Fixture(real.withFiles(List.of(a, b), null), a.name(),
                List.of("raw/" + category + "/1a2b3c/transforms.json", "raw/" + category + "/1a2b3c/r_0.png",
                        "raw/" + singular + "_splits.json"), List.of());
    }

    private static Fixture ffhq(Dataset real, FixtureServer server, Variant v) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 3; i++) {
            String path = v == Variant.ESCAPING_ENTRY && i == 2 ? "../../escaped.png"
                    : String.format("images1024x1024/00000/%05d.png", i);
            byte[] png = FixtureArchives.image(256, 256, 10 + i, "png");
            server.serve(path, png);
            json.append(i == 0 ? "" : ",").append(String.format("\"%d\": {\"category\": \"training\", \"metadata\": "
                    + "{\"license\": \"x\"}, \"image\": {\"file_url\": \"%s%s\", \"file_path\": \"%s\", "
                    + "\"file_size\": %d, \"file_md5\": \"%s\", \"pixel_size\": [256, 256]}, \"thumbnail\": "
                    + "{\"file_url\": \"-\"}}", i, server.base(), path, path, png.length,
                    FixtureArchives.digest("MD5", png)));
        }
        byte[] index = json.append("}").toString().getBytes(StandardCharsets.UTF_8);
        RemoteFile idx = serve(server, real.files().get(0), index);
        RemoteFile train = serve(server, real.files().get(1), "00000.png\n00001.png\n".getBytes(StandardCharsets.UTF_8));
        RemoteFile val = serve(server, real.files().get(2), "00002.png\n".getBytes(StandardCharsets.UTF_8));
        return new Fixture(real.withFiles(List.of(idx, train, val), real.index()), idx.name(),
                List.of("train/00000.png", "train/00001.png", "test/00002.png"), List.of());
    }

    /** Adds an entry that climbs out of the target, or a symlink pointing outside, to {@code e}. */
    private static void spoil(Map<String, Object> e, Variant v, String folder) {
        if (v == Variant.ESCAPING_ENTRY) {
            e.put(folder + "../../escaped.txt", "written outside".getBytes(StandardCharsets.UTF_8));
        } else if (v == Variant.SYMLINK_ENTRY) {
            e.put(folder + "link-out", new FixtureArchives.Link("/etc"));
        }
    }

    /** Serves {@code bytes} under the real file's name, pinned with the real file's algorithm (SHA-256 if none). */
    private static RemoteFile serve(FixtureServer server, RemoteFile real, byte[] bytes) {
        server.serve(real.name(), bytes);
        String alg = real.checksum().pinned() ? real.checksum().algorithm() : "SHA-256";
        return new RemoteFile(real.name(), java.net.URI.create(server.base() + real.name()), bytes.length,
                real.exactSize(), new Checksum(alg, FixtureArchives.digest(alg, bytes), "fixture"), null);
    }

    private static RemoteFile pinned(FixtureServer server, String name, byte[] bytes) {
        server.serve(name, bytes);
        return RemoteFile.of(name, server.base() + name, bytes.length, true,
                Checksum.sha256(FixtureArchives.digest("SHA-256", bytes), "fixture"));
    }

    /** Every file below {@code dir}, relative, sorted. */
    static List<String> filesBelow(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!java.nio.file.Files.isDirectory(dir)) {
            return out;
        }
        try (var s = java.nio.file.Files.walk(dir)) {
            s.filter(java.nio.file.Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
                    .forEach(out::add);
        }
        return out;
    }
}
