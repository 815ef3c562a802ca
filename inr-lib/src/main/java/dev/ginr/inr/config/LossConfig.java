package dev.ginr.inr.config;

import java.util.Locale;

/**
 * The training loss (reference path {@code loss}): per-instance MSE averaged over the batch, optionally on a random
 * subset of the coordinates, with optional coordinate noise at training time.
 *
 * @param subsample      which coordinates enter the loss ({@code loss.subsample.type}; NONE = all)
 * @param subsampleRatio fraction of coordinates kept by {@link Subsample#RANDOM} ({@code loss.subsample.ratio})
 * @param coordNoise     coordinate jitter at training time ({@code loss.coord_noise})
 */
public record LossConfig(Subsample subsample, double subsampleRatio, CoordNoise coordNoise) {

    public static final String PATH = "loss";

    /** Coordinate subsampling ({@code loss.subsample.type}: null or random). */
    public enum Subsample { NONE, RANDOM }

    /**
     * Training-time coordinate noise ({@code loss.coord_noise}): COORDWISE jitters each coordinate independently by
     * up to half a pixel; SHIFT moves the whole grid of an instance by one random offset of up to half a pixel.
     */
    public enum CoordNoise { NONE, SHIFT, COORDWISE }

    public LossConfig {
        ConfigException.require(subsample != null, PATH + ".subsample.type", null, "null or random");
        ConfigException.require(coordNoise != null, PATH + ".coord_noise", null, "null, shift or coordwise");
        ConfigException.require(subsample == Subsample.NONE || (subsampleRatio > 0 && subsampleRatio <= 1),
                PATH + ".subsample.ratio", subsampleRatio, "a fraction in (0, 1]");
        if (subsample == Subsample.NONE) { // the ratio has no effect then: one canonical form
            subsampleRatio = 1.0;
        }
    }

    /** Plain MSE on every coordinate, with or without the reference's coordinate-wise noise. */
    public static LossConfig mse(CoordNoise noise) {
        return new LossConfig(Subsample.NONE, 1.0, noise);
    }

    static Subsample subsampleFromYaml(String path, String name) {
        return switch (name == null ? "null" : name.trim().toLowerCase(Locale.ROOT)) {
            case "null", "none" -> Subsample.NONE;
            case "random" -> Subsample.RANDOM;
            default -> throw new ConfigException(path, name, "null or random");
        };
    }

    static CoordNoise coordNoiseFromYaml(String path, String name) {
        return switch (name == null ? "null" : name.trim().toLowerCase(Locale.ROOT)) {
            case "null", "none" -> CoordNoise.NONE;
            case "shift" -> CoordNoise.SHIFT;
            case "coordwise" -> CoordNoise.COORDWISE;
            default -> throw new ConfigException(path, name, "null, shift or coordwise");
        };
    }
}
