package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ConfigReadResult;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.config.YamlConfigReader;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.inr.experiment.TrainingRecipe;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A validated experiment config stored under a name by {@code %%ginr_config}: the YAML text, the preset it
 * overrides (or null), the spec and the reader's warnings about keys it did not use.
 */
public record NamedConfig(String name, String yaml, String preset, ExperimentSpec spec, List<String> warnings) {

    /** Reads {@code yaml} (over {@code preset} when not null); errors name the YAML path and the body's line. */
    public static NamedConfig read(String name, String yaml, String preset) {
        YamlConfigReader reader = new YamlConfigReader();
        ConfigReadResult r = preset == null ? reader.read(yaml, name) : reader.readOverPreset(preset, yaml, name);
        return new NamedConfig(name, yaml, preset, r.spec(), r.warnings());
    }

    /** A shipped preset used by its name, without a config cell. */
    public static NamedConfig preset(String name) {
        return new NamedConfig(name, "", name, Presets.load(name), List.of());
    }

    /** A training recipe for this config on {@code data}, for a run called {@code runName}. */
    public TrainingRecipe recipe(String runName, Path data) {
        return new TrainingRecipe(runName, spec, yaml, preset, data, 0, 0, 0, 0);
    }

    /** "config 'quick' (low_rank_modulated_transinr over preset image-32-small): 32x32, hyponet 5 x 64, ..." */
    public String summary() {
        var h = spec.hyponet();
        var e = spec.experiment();
        String data = SignalData.isAudio(spec) ? SignalData.scale(spec) : String.format(Locale.ROOT, "%dx%d images",
                spec.dataset().resolution(), spec.dataset().resolution());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "config '%s' (%s%s): %s, hyponet %d x %d",
                name, spec.modelType().yamlName(), preset == null ? "" : " over preset " + preset, data, h.nLayer(),
                h.hiddenDim()));
        if (spec.composer() != null && spec.modelType().usesComposers()) {
            s.append(", composers ").append(spec.composer().rankByLayer()).append(" (layer index: rank)");
        }
        s.append(String.format(Locale.ROOT, ", batch %d, %s, seed %d", e.batchSize(), e.measuredInSteps()
                ? e.steps() + " steps" : e.epochs() + " epochs", e.seed()));
        warnings.forEach(w -> s.append("\n  warning: ").append(w));
        return s.toString();
    }
}
