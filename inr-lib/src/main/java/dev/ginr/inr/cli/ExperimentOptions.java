package dev.ginr.inr.cli;

import dev.ginr.inr.config.ConfigReadResult;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.config.Presets;
import dev.ginr.inr.config.YamlConfigReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The options that choose an experiment: a config file, a preset, or a config file over a preset. */
final class ExperimentOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "a YAML config in the reference schema")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", completionCandidates = PresetNames.class,
            description = "a shipped preset (${COMPLETION-CANDIDATES}); with --config, the file overrides it")
    String preset;

    @Option(names = "--model", paramLabel = "TYPE",
            description = "override arch.type, e.g. transinr for the baseline of the same preset")
    String model;

    /** The spec and the YAML text it came from; unknown keys are printed as warnings. */
    Loaded load() {
        if (config == null && preset == null) {
            throw new IllegalArgumentException("give --config FILE or --preset NAME (presets: " + Presets.names() + ")");
        }
        if (config != null && Files.isDirectory(config)) {
            throw new IllegalArgumentException("config " + config + " is a folder; give a YAML file (such as one of "
                    + "the reference implementation's configs/*.yaml)");
        }
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("config file " + config + " does not exist");
        }
        YamlConfigReader reader = new YamlConfigReader();
        ConfigReadResult read;
        String yaml;
        if (config != null && preset != null) {
            read = reader.readOverPreset(preset, config);
            yaml = text(config);
        } else if (config != null) {
            read = reader.read(config);
            yaml = text(config);
        } else {
            read = Presets.read(preset);
            yaml = Presets.yaml(preset);
        }
        read.warnings().forEach(w -> System.err.println("warning: " + w));
        ExperimentSpec spec = read.spec();
        if (model != null) {
            spec = spec.withModelType(ModelType.fromYaml("--model", model));
        }
        return new Loaded(spec, yaml, config != null ? preset : null);
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The spec, its YAML text, and the preset that text overrides (null when it stands alone). */
    record Loaded(ExperimentSpec spec, String yaml, String basePreset) {}

    /** Every shipped preset's name, for the help text and shell completion. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.stream.Stream.concat(Presets.names().stream(), Presets.sceneNames().stream()).iterator();
        }
    }
}
