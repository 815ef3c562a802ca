package dev.ginr.inr.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioPresetsTest {

    private static ExperimentSpec reference(String name) throws Exception {
        Path p = Path.of(AudioPresetsTest.class.getResource("/configs/audio/" + name + ".yaml").toURI());
        ConfigReadResult r = new YamlConfigReader().read(p);
        assertEquals(List.of(), r.warnings(), name);
        return r.spec();
    }

    @Test
    void theAuthorsLibriSpeechConfigsLoadWithThePaperPresetsValues() throws Exception {
        for (int secs : new int[] {1, 3}) {
            ExperimentSpec preset = Presets.load("audio-" + secs + "s-paper");
            ExperimentSpec ours = reference("low_rank_modulated_transinr_audio_" + secs + "s");
            assertEquals(ModelType.LOW_RANK_TRANSINR, ours.modelType());
            assertSameRun(preset, ours);
            assertEquals(preset.composer(), ours.composer());

            ExperimentSpec transinr = reference("transinr_audio_" + secs + "s");
            ExperimentSpec baseline = preset.withModelType(ModelType.TRANSINR);
            assertEquals(ModelType.TRANSINR, transinr.modelType());
            assertSameRun(baseline, transinr);
            assertEquals(baseline.weightGroups().groupsByLayer(baseline.hyponet()),
                    transinr.weightGroups().groupsByLayer(transinr.hyponet()));
        }
    }

    private static void assertSameRun(ExperimentSpec expected, ExperimentSpec actual) {
        assertEquals(expected.hyponet(), actual.hyponet());
        assertEquals(expected.dataEncoder(), actual.dataEncoder());
        assertEquals(expected.latentMapping(), actual.latentMapping());
        assertEquals(expected.transformer(), actual.transformer());
        assertEquals(expected.dataset().clipSamples(), actual.dataset().clipSamples());
        assertEquals(expected.dataset().samplingRate(), actual.dataset().samplingRate());
        assertEquals(expected.loss(), actual.loss());
        assertEquals(expected.optimizer(), actual.optimizer());
        assertEquals(expected.experiment(), actual.experiment());
    }

    @Test
    void audioPaperPresetsHoldThePapersAudioValues() {
        for (int secs : new int[] {1, 3}) {
            ExperimentSpec s = Presets.load("audio-" + secs + "s-paper");
            HyponetConfig h = s.hyponet();
            assertEquals(List.of(1, 1, 5, 256), List.of(h.inputDim(), h.outputDim(), h.nLayer(), h.hiddenDim()));
            assertEquals(new FourierConfig(FourierType.DETERMINISTIC_TRANSINR, 2048, 1024, secs), h.fourier());
            assertEquals(0.0, h.outputBias());
            assertEquals(4096, h.fanIn(0));
            assertEquals(DataEncoderConfig.audio(200), s.dataEncoder());
            assertEquals(16000 * secs, s.dataset().clipSamples());
            assertEquals(80 * secs, s.tokenCount().getAsInt());
            assertEquals(TransformerConfig.of(6, 768, 12), s.transformer());
            assertEquals(ComposerConfig.of(1, 256), s.composer());
            assertEquals(Map.of(0, 64, 1, 64, 2, 64, 3, 64, 4, 1), s.weightGroups().groupsByLayer(h));
            assertEquals(OptimizerConfig.adam(1e-4), s.optimizer());
            assertEquals(16, s.experiment().totalBatchSize());
            assertEquals(1000, s.experiment().epochs());
            assertEquals(secs == 1 ? LossConfig.Subsample.NONE : LossConfig.Subsample.RANDOM, s.loss().subsample());
            assertEquals(secs == 1 ? 1.0 : 0.25, s.loss().subsampleRatio());
            assertEquals(LossConfig.CoordNoise.NONE, s.loss().coordNoise());
        }
    }

    @Test
    void audio1sSmallKeepsTheClipAndTokenizerAndShrinksTheNetworks() {
        ExperimentSpec s = Presets.load("audio-1s-small");
        ExperimentSpec paper = Presets.load("audio-1s-paper");
        assertEquals(paper.dataEncoder(), s.dataEncoder());
        assertEquals(paper.dataset().clipSamples(), s.dataset().clipSamples());
        assertEquals(80, s.tokenCount().getAsInt());
        assertEquals(paper.hyponet().nLayer(), s.hyponet().nLayer());
        assertEquals(paper.hyponet().fourier().ffSigma(), s.hyponet().fourier().ffSigma());
        assertEquals(1.0, s.hyponet().fourier().coordinateRange());
        assertEquals(0.0, s.hyponet().outputBias());
        assertTrue(s.hyponet().hiddenDim() < paper.hyponet().hiddenDim());
        assertTrue(s.transformer().embedDim() < paper.transformer().embedDim());
        assertEquals(ComposerConfig.of(1, s.hyponet().hiddenDim()), s.composer());
        assertEquals(MetaConfig.of(2, 0.003), s.meta()); // for the meta-learned models, as the image presets
        assertTrue(s.experiment().measuredInSteps());
    }

    @Test
    void normalizedWaveformsAreRefusedRatherThanIgnored() {
        String yaml = Presets.yaml("audio-1s-paper").replace("normalize: false", "normalize: true");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new YamlConfigReader().read(yaml, "normalized.yaml"));
        assertEquals("dataset.transforms.normalize", e.path());
    }

    @Test
    void anAsymmetricCoordinateRangeIsRefusedWithItsPath() {
        String yaml = Presets.yaml("audio-1s-paper").replace("coord_range: [-1.0, 1.0]", "coord_range: [0.0, 1.0]");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new YamlConfigReader().read(yaml, "bad.yaml"));
        assertEquals(FourierConfig.RANGE_PATH, e.path());
        assertTrue(e.getMessage().contains("[0.0, 1.0]") && e.getMessage().contains("symmetric"), e.getMessage());
    }
}
