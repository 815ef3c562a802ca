package dev.ginr.inr.config;

import java.util.List;

/**
 * What reading a YAML config gives: the validated spec, and the warnings about keys that were not understood or
 * settings that were accepted but have no effect (each naming its YAML path and line). Warnings never stop a run;
 * a caller may show them, or treat them as errors.
 *
 * @param spec     the validated experiment
 * @param warnings one line per unknown key or ignored setting, in document order
 */
public record ConfigReadResult(ExperimentSpec spec, List<String> warnings) {

    public ConfigReadResult {
        warnings = List.copyOf(warnings);
    }
}
