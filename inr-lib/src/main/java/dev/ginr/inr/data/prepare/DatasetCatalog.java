package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper's datasets (PAPER.md, section 7) with their official sources and the checksums their publishers (or
 * maintained loaders) give. None of these downloads has been exercised from our machines, which cannot reach the
 * hosts; the code paths are tested with fixture archives served locally.
 */
public final class DatasetCatalog {

    /** Side of the prepared images, the paper's 178x178. */
    public static final int IMAGE_SIZE = 178;

    private static final String GINR_IPC = "https://raw.githubusercontent.com/kakaobrain/ginr-ipc/"
            + "135f55cd2867e1b09dde05989a7e6fb3a353be9e/src/datasets/assets/";
    private static final String LEARNIT_FOLDER =
            "https://drive.google.com/drive/folders/1lRfg-Ov1dd3ldke9Gv9dyzGGTxiFOhIs";
    private static final long GB = 1_000_000_000L;
    private static final long MB = 1_000_000L;

    private DatasetCatalog() {}

    /** Every dataset by name. */
    public static Map<String, Dataset> all() {
        Map<String, Dataset> m = new TreeMap<>();
        for (Dataset d : List.of(celeba(), ffhq(), imagenette(), librispeech(), shapenet("chairs", "chair"),
                shapenet("cars", "car"), shapenet("lamps", "lamp"))) {
            m.put(d.name(), d);
        }
        return m;
    }

    /** The dataset called {@code name}; the message lists the known names. */
    public static Dataset named(String name) {
        Dataset d = all().get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "': one of " + String.join(", ",
                    all().keySet()));
        }
        return d;
    }

    static Dataset celeba() {
        return new Dataset("celeba", "CelebA aligned faces (img_align_celeba, 178x218 JPEG), centre-cropped to 178x178 "
                + "as the paper; the reference's split: images 1-162770 train, 182638-202599 test",
                "CelebA: non-commercial research use only (https://mmlab.ie.cuhk.edu.hk/projects/CelebA.html)",
                List.of(RemoteFile.of("img_align_celeba.zip", drive("0B7EVK8r0v71pZjFTYXZWM3FlRnM"), 1_443 * MB,
                        false, Checksum.md5("00d2c5bc6d35e252742224ab0c1e8fcb",
                                "torchvision's CelebA file list"))),
                null, 1_450 * MB, 10 * GB,
                new SquareImages(IMAGE_SIZE, "train/NNNNNN.png and test/NNNNNN.png", ImageSelections::celeba));
    }

    static Dataset ffhq() {
        return new Dataset("ffhq", "FFHQ 1024x1024 faces (70,000 PNGs, listed in ffhq-dataset-v2.json), resized to "
                + "178x178; the reference's split lists ffhqtrain.txt (60,000) / ffhqvalidation.txt (10,000)",
                "FFHQ: images under their Flickr licences, dataset CC BY-NC-SA 4.0 "
                        + "(https://github.com/NVlabs/ffhq-dataset)",
                List.of(RemoteFile.of("ffhq-dataset-v2.json", "https://drive.google.com/uc?id="
                                + "16N0RV4fHI6joBuKbQAoG34V_cQk7vxSA", 267_793_842L, true,
                                Checksum.md5("425ae20f06a4da1d4dc0f46d40ba5fd6", "NVlabs' download_ffhq.py")),
                        RemoteFile.of("ffhqtrain.txt", GINR_IPC + "ffhqtrain.txt", 600_000L, true,
                                Checksum.sha256("a6553043bba837acbe540fd1e1703e1974823cd5a31d7489a9e0c8b783b6a5ec",
                                        "computed by us from the file at ginr-ipc commit 135f55c, git blob 59729b1e")),
                        RemoteFile.of("ffhqvalidation.txt", GINR_IPC + "ffhqvalidation.txt", 100_000L, true,
                                Checksum.sha256("c3644730c1182c9feacc1a3054df22c0fcc6fb46c7e294a9bdf5fe57f7d63a46",
                                        "computed by us from the file at ginr-ipc commit 135f55c, git blob e7490836"))),
                new FfhqImages(), 0, 4 * GB,
                new SquareImages(IMAGE_SIZE, "train/NNNNN.png and test/NNNNN.png", ImageSelections::ffhq));
    }

    static Dataset imagenette() {
        return new Dataset("imagenette", "ImageNette 2 at 320 px (10 ImageNet classes), resized to 178x178; "
                + "train/ from its train split, test/ from its val split",
                "ImageNette: a subset of ImageNet, ImageNet's terms (https://github.com/fastai/imagenette)",
                List.of(RemoteFile.of("imagenette2-320.tgz",
                        "https://s3.amazonaws.com/fast-ai-imageclas/imagenette2-320.tgz", 341_663_724L, true,
                        Checksum.md5("1f1f74f133caff120e575856659b87a2", "fastai's data/checks.txt"))),
                null, 345 * MB, 800 * MB,
                new SquareImages(IMAGE_SIZE, "train/CLASS/NAME.png and test/CLASS/NAME.png", ImageSelections::imagenette));
    }

    static Dataset librispeech() {
        String base = "https://www.openslr.org/resources/12/";
        String torchaudio = "torchaudio's LibriSpeech loader (openslr.org publishes MD5 sums)";
        return new Dataset("librispeech", "LibriSpeech train-clean-100 (training) and test-clean (evaluation), "
                + "16 kHz FLAC", "LibriSpeech: CC BY 4.0 (https://www.openslr.org/12)",
                List.of(RemoteFile.of("train-clean-100.tar.gz", base + "train-clean-100.tar.gz", 6_390 * MB, false,
                                Checksum.sha256("d4ddd1d5a6ab303066f14971d768ee43278a5f2a0aa43dc716b0e64ecbbbf6e2",
                                        torchaudio)),
                        RemoteFile.of("test-clean.tar.gz", base + "test-clean.tar.gz", 350 * MB, false,
                                Checksum.sha256("39fde525e59672dc6d1551919b1478f724438a95aa55f874b576be21967e6c23",
                                        torchaudio))),
                null, 6_800 * MB, 0,
                new RawExtraction("LibriSpeech/train-clean-100/SPEAKER/CHAPTER/*.flac and LibriSpeech/test-clean/..."));
    }

    static Dataset shapenet(String category, String singular) {
        String none = "the Learned Init authors publish no checksum; check the file and accept it with --accept-unpinned";
        return new Dataset("shapenet-" + category, "ShapeNet " + category + " rendered by the Learned Init authors "
                + "(views, transforms.json per object) with " + singular + "_splits.json; only a Google Drive folder "
                + "is published: download the two files by hand and pass their folder with --from",
                "ShapeNet terms of use (https://shapenet.org/terms); renders by Tancik et al. (Learned Init)",
                List.of(RemoteFile.manual("*" + singular + "*.{zip,tar,tar.gz,tgz}", LEARNIT_FOLDER, -1,
                                Checksum.unpinned(none)),
                        RemoteFile.manual(singular + "_splits.json", LEARNIT_FOLDER, -1, Checksum.unpinned(none))),
                null, 0, 0,
                new RawExtraction("the unpacked " + category + " archive and " + singular + "_splits.json"));
    }

    /** A Google Drive file by id, through the download endpoint that skips the virus-scan page of large files. */
    static String drive(String id) {
        return "https://drive.usercontent.google.com/download?id=" + id + "&export=download&confirm=t";
    }

    /** FFHQ's 70,000 images, listed in its metadata file. */
    static final class FfhqImages implements Dataset.Index {

        @Override
        public String listedIn() {
            return "ffhq-dataset-v2.json";
        }

        @Override
        public List<RemoteFile> files(Path indexFile) throws IOException {
            return FfhqIndex.images(indexFile);
        }

        @Override
        public long approxBytes() {
            return 89_100 * MB; // "images1024x1024: 89.1 GB" in the FFHQ README
        }
    }
}
