package dev.ginr.inr.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sections around the model of a reference-style config: {@code dataset}, {@code loss},
 * {@code optimizer}, {@code experiment} and the top-level {@code seed} and {@code trainer}, with the reference
 * implementation's defaults where a key is absent.
 */
final class RunSections {

    /** The reference names image sizes inside the transform, e.g. {@code imagenette178x178}. */
    private static final Pattern SIZE_IN_NAME = Pattern.compile("(\\d+)x(\\d+)$");

    private final YamlTree t;
    private final List<String> notes;

    RunSections(YamlTree tree, List<String> notes) {
        this.t = tree;
        this.notes = notes;
    }

    DatasetConfig dataset() {
        String p = DatasetConfig.PATH;
        String transforms = t.string(p + ".transforms.type", null);
        SceneConfig scene = new SceneSections(t).scene(); // null unless the data are multi-view scenes
        int resolution = t.integer(p + ".resolution", scene != null ? SceneConfig.LEARNIT_VIEW_SIZE
                : sizeFromName(transforms));
        for (String key : List.of("total_secs", "random_crop", "scale")) {
            t.ignore(p + ".transforms." + key);
        }
        ConfigException.require(!t.bool(p + ".transforms.normalize", false), p + ".transforms.normalize", true,
                "false (waveforms are read in [-1, 1]; the reference's normalize would map them to [0, 1])");
        return new DatasetConfig(t.string(p + ".type", null), transforms, resolution,
                t.integer(p + ".transforms.sampling_rate", 0), t.number(p + ".transforms.patch_secs", 0),
                t.string(p + ".root", null), scene);
    }

    private int sizeFromName(String transforms) {
        Matcher m = transforms == null ? null : SIZE_IN_NAME.matcher(transforms);
        if (m == null || !m.find()) {
            return 0;
        }
        ConfigException.require(m.group(1).equals(m.group(2)), DatasetConfig.PATH + ".transforms.type", transforms,
                "square images (or set dataset.resolution)");
        return Integer.parseInt(m.group(1));
    }

    LossConfig loss() {
        String p = LossConfig.PATH;
        String type = t.string(p + ".type", "mse");
        ConfigException.require(type.trim().equalsIgnoreCase("mse"), p + ".type", type, "mse");
        boolean scene = SceneSections.isScene(t);
        LossConfig.Subsample sub = scene ? LossConfig.Subsample.NONE // rays: SceneConfig
                : LossConfig.subsampleFromYaml(p + ".subsample.type", t.string(p + ".subsample.type", null));
        LossConfig.CoordNoise noise = LossConfig.coordNoiseFromYaml(p + ".coord_noise",
                t.string(p + ".coord_noise", null));
        ConfigException.require(!scene || noise == LossConfig.CoordNoise.NONE, p + ".coord_noise",
                t.string(p + ".coord_noise", null), "null for scenes (the sample depths along each ray are jittered "
                        + "at training time instead)");
        ConfigException.require(!scene || !t.has(p + ".subsample.ratio"), p + ".subsample.ratio",
                t.string(p + ".subsample.ratio", null), "no ratio for scenes (loss.subsample.train_num_rays sets the "
                        + "query rays per scene)");
        return new LossConfig(sub, t.number(p + ".subsample.ratio", 1.0), noise);
    }

    OptimizerConfig optimizer() {
        String p = OptimizerConfig.PATH;
        OptimizerConfig.Kind kind = OptimizerConfig.Kind.fromYaml(p + ".type", t.string(p + ".type", "adamW"));
        double lr = t.number(p + ".init_lr", 1e-4);
        List<Double> betas = t.numberList(p + ".betas");
        betas = betas == null ? List.of(0.9, 0.999) : betas;
        ConfigException.require(betas.size() == 2, p + ".betas", betas, "two numbers [beta1, beta2]");
        WarmupConfig warmup = warmup();
        double minLr = t.number(WarmupConfig.PATH + ".min_lr", lr);
        String scheduleName = t.string(p + ".schedule", null);
        LrSchedule schedule = scheduleName != null ? LrSchedule.fromYaml(p + ".schedule", scheduleName)
                : minLr < lr ? LrSchedule.COSINE : warmup.isEnabled() ? LrSchedule.WARMUP : LrSchedule.CONSTANT;
        return new OptimizerConfig(kind, lr, betas.get(0), betas.get(1), t.number(p + ".weight_decay", 0.0), schedule,
                warmup, minLr, t.optionalNumber(p + ".max_gn"));
    }

    private WarmupConfig warmup() {
        String p = WarmupConfig.PATH;
        String mode = t.string(p + ".mode", "fix").trim().toLowerCase(Locale.ROOT);
        ConfigException.require(List.of("fix", "linear", "sqrt", "none").contains(mode), p + ".mode", mode,
                "one of fix, linear, sqrt, none (all the same on one device)");
        double epochs = t.number(p + ".epoch", 0);
        if (t.number(p + ".buffer_epoch", 0) != 0) {
            notes.add(p + ".buffer_epoch is not supported and was ignored (line " + t.line(p + ".buffer_epoch") + ")");
        }
        double multiplier = mode.equals("none") ? 1 : Math.max(1, t.number(p + ".multiplier", 1));
        return new WarmupConfig(t.integer(p + ".steps", 0), epochs, multiplier,
                t.bool(p + ".start_from_zero", epochs > 0 || t.integer(p + ".steps", 0) > 0));
    }

    ExperimentConfig experiment() {
        String p = ExperimentConfig.PATH;
        int batch = t.integer(p + ".batch_size", 16);
        long seed = t.integer(p + ".seed", t.integer("seed", 0));
        if (!SceneSections.isScene(t)) { // the reference's NeRF evaluation keys, read by SceneSections for scenes
            for (String key : List.of("subsample_during_eval", "ray_subbatch_size_eval", "test_all_rays_freq")) {
                t.ignore(p + "." + key);
            }
        }
        t.ignore("trainer");
        t.ignore("runtime");
        return new ExperimentConfig(batch, t.integer(p + ".total_batch_size", batch), t.integer(p + ".epochs", 0),
                t.integer(p + ".steps", 0), seed, t.bool(p + ".amp", false), t.integer(p + ".save_ckpt_freq", 0),
                t.integer(p + ".test_freq", 10), t.integer(p + ".test_imlog_freq", 0));
    }
}
