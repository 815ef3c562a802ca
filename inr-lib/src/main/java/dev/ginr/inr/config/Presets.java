package dev.ginr.inr.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The named presets shipped with the library as YAML resources in {@code dev/ginr/inr/presets/} (DESIGN.md,
 * "Presets"): small CPU-sized runs for tests and benchmarks, and the paper's 178x178 and LibriSpeech settings. Each
 * image and audio preset holds both ours and the TransINR baseline, each meta preset both ours and Learned Init; pick
 * one with {@link ExperimentSpec#withModelType}.
 * The novel view synthesis presets ({@link #sceneNames()}) hold ours and TransINR the same way.
 */
public final class Presets {

    /** 32x32 RGB, 4x4 patches (64 tokens), 128-wide 2-block transformer, hyponet 5 x 64, rank 64 on layer 1. */
    public static final String IMAGE_32_SMALL = "image-32-small";
    /** The same hyponet and composers, meta-learned with 2 inner steps of 0.003. */
    public static final String META_32_SMALL = "meta-32-small";
    /** The paper's image setting: 178x178, patches 9 + padding 1 (400 tokens), 768 x 6 blocks x 12 heads. */
    public static final String IMAGE_178_PAPER = "image-178-paper";
    /** The paper's meta-learning setting at 178x178. */
    public static final String META_178_PAPER = "meta-178-paper";
    /** 1 s speech clips at 16 kHz (80 tokens of 200 samples), 128-wide 2-block transformer, hyponet 5 x 64. */
    public static final String AUDIO_1S_SMALL = "audio-1s-small";
    /** The paper's audio setting (Table 1) on 1 s LibriSpeech clips: hyponet 5 x 256, ff_dim 2048, ff_sigma 1024. */
    public static final String AUDIO_1S_PAPER = "audio-1s-paper";
    /** The same on 3 s clips: 240 tokens, coordinates in [-3, 3], a random quarter of the samples in the loss. */
    public static final String AUDIO_3S_PAPER = "audio-3s-paper";

    /** The paper's novel view synthesis on the learnit ShapeNet chairs: 128x128 views, 1 support view, 6 x 256. */
    public static final String NVS_CHAIRS_PAPER = "nvs-chairs-paper";
    /** The same on the cars (2 passes over the objects per epoch). */
    public static final String NVS_CARS_PAPER = "nvs-cars-paper";
    /** The same on the lamps (3 passes per epoch, 400 epochs). */
    public static final String NVS_LAMPS_PAPER = "nvs-lamps-paper";
    /** CPU-sized novel view synthesis on the offline multi-view set: 32x32 views, 32 points per ray, 4 x 64. */
    public static final String NVS_SMALL = "nvs-small";

    private static final List<String> NAMES = List.of(IMAGE_32_SMALL, META_32_SMALL, IMAGE_178_PAPER, META_178_PAPER,
            AUDIO_1S_SMALL, AUDIO_1S_PAPER, AUDIO_3S_PAPER);
    private static final List<String> SCENE_NAMES = List.of(NVS_SMALL, NVS_CHAIRS_PAPER, NVS_CARS_PAPER,
            NVS_LAMPS_PAPER);
    private static final String DIR = "/dev/ginr/inr/presets/";

    private Presets() {
    }

    /** The preset names, in the order above. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The novel view synthesis presets (scenes as data; kept apart from {@link #names()} until the trainer and the
     * command line take scenes).
     */
    public static List<String> sceneNames() {
        return SCENE_NAMES;
    }

    /**
     * A novel view synthesis preset with {@code k} support views per scene: {@code n_support} of both splits and
     * {@code latent_mapping.n_patches} (the tokens of k views) set as the authors' K-view configs set them.
     */
    public static ExperimentSpec loadWithSupportViews(String name, int k) {
        ConfigException.require(SCENE_NAMES.contains(name), "--preset", name, "one of " + SCENE_NAMES
                + " (support views are a setting of scenes)");
        ConfigException.require(k >= 1, "--support-views", k, "at least 1 (the paper: 1 to 5)");
        ExperimentSpec one = load(name);
        int tokens = one.tokenCount().orElseThrow() * k;
        String overrides = "dataset:\n  train_config: {n_support: " + k + "}\n  val_config: {n_support: " + k
                + "}\narch:\n  latent_mapping: {n_patches: " + tokens + "}\n";
        return new YamlConfigReader().readOverPreset(name, overrides, "--support-views " + k).spec();
    }

    /** The validated spec of a preset, with the preset's own model type (ours). */
    public static ExperimentSpec load(String name) {
        return read(name).spec();
    }

    /** The preset read through the YAML reader, with any warnings (there should be none). */
    public static ConfigReadResult read(String name) {
        return new YamlConfigReader().read(yaml(name), label(name));
    }

    /** The YAML text of a preset, e.g. to show it or to start a config from it. */
    public static String yaml(String name) {
        ConfigException.require(name != null && (NAMES.contains(name) || SCENE_NAMES.contains(name)), "--preset", name,
                "one of " + NAMES + " or, for scenes, " + SCENE_NAMES);
        try (InputStream in = Presets.class.getResourceAsStream(DIR + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset resource " + DIR + name + ".yaml is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String label(String name) {
        return "preset:" + name;
    }
}
