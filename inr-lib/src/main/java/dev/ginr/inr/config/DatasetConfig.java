package dev.ginr.inr.config;

/**
 * Which signals to train on (reference path {@code dataset}). The reference names images by their transform
 * ({@code transforms.type: imagenette178x178}); the reader takes the side length from there unless
 * {@code dataset.resolution} is given. Audio clips are {@code transforms.patch_secs} seconds at
 * {@code transforms.sampling_rate} Hz.
 *
 * @param type         data set name (imagenette, celeba, ffhq, librispeech, image_folder, ...)
 * @param transforms   the reference transform name, or null
 * @param resolution   image side length S (square images), 0 for non-images
 * @param samplingRate audio sampling rate in Hz, 0 for non-audio
 * @param clipSeconds  audio clip length in seconds, 0 for non-audio
 * @param root         folder of the data on disk, or null to use the data package's default location
 * @param scene        novel view synthesis settings when the data are multi-view scenes (then {@code resolution} is
 *                     the side of the views), else null
 */
public record DatasetConfig(String type, String transforms, int resolution, int samplingRate, double clipSeconds,
                           String root, SceneConfig scene) {

    public static final String PATH = "dataset";

    public DatasetConfig {
        ConfigException.require(type != null && !type.isBlank(), PATH + ".type", type, "a data set name");
        ConfigException.require(resolution >= 0, PATH + ".resolution", resolution, "a positive image side length");
        ConfigException.require(samplingRate >= 0, PATH + ".transforms.sampling_rate", samplingRate,
                "a positive rate in Hz");
        ConfigException.require(clipSeconds >= 0 && Double.isFinite(clipSeconds), PATH + ".transforms.patch_secs",
                clipSeconds, "a positive clip length in seconds");
    }

    /** Data that are not scenes (images or audio). */
    public DatasetConfig(String type, String transforms, int resolution, int samplingRate, double clipSeconds,
                         String root) {
        this(type, transforms, resolution, samplingRate, clipSeconds, root, null);
    }

    /** Square images of side {@code resolution}. */
    public static DatasetConfig images(String type, int resolution) {
        return new DatasetConfig(type, null, resolution, 0, 0, null);
    }

    /** Whether this names square images of a known size. */
    public boolean isImage() {
        return resolution > 0 && scene == null;
    }

    /** Whether the data are multi-view scenes (novel view synthesis). */
    public boolean isScene() {
        return scene != null;
    }

    /** The same data with other scene settings (e.g. {@link SceneConfig#withSupportViews}). */
    public DatasetConfig withScene(SceneConfig s) {
        return new DatasetConfig(type, transforms, resolution, samplingRate, clipSeconds, root, s);
    }

    /** Samples per audio clip, 0 for non-audio. */
    public int clipSamples() {
        return (int) Math.round(samplingRate * clipSeconds);
    }
}
