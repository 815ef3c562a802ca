package dev.ginr.notebook.magic;

import dev.ginr.notebook.display.RecordingSink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every magic's bad-argument path returns its usage text (and does nothing else); --help returns the help. */
class MagicArgumentsTest {

    private final GinrSession session = GinrSession.create();

    private Map<GinrMagic, List<String>> badCalls() {
        return Map.of(
                new InfoMagic(session), List.of("unexpected"),
                new DeviceMagic(session), List.of("tpu"),
                new ConfigMagic(session), List.of(),
                new TrainMagic(session, 0), List.of("quick", "--steps", "many"),
                new EvalMagic(session), List.of("run", "--test-images"),
                new TableMagic(session), List.of("--paper", "imagenette"),
                new AblationMagic(session, 0), List.of("layers", "--steps", "3"),
                new ShowMagic(session), List.of("run", "--upsample", "0.5"),
                new CompareMagic(session), List.of("--svg"));
    }

    @Test
    void badArgumentsReturnTheUsageLineAndNoTrace() {
        RecordingSink sink = new RecordingSink();
        badCalls().forEach((magic, words) -> {
            Object out = magic.call(sink, words, magic instanceof ConfigMagic ? "a: 1" : null);
            String text = (String) out;
            String name = magic.usage().magic();
            assertTrue(text.startsWith(name + ": "), text);
            assertTrue(text.contains("\nusage: " + name), text);
            assertTrue(!text.contains("Exception") && !text.contains("\tat "), text);
        });
        assertEquals(0, sink.displayed.size(), "a bad call shows nothing else");
        assertTrue(session.configs().isEmpty() && session.runs().isEmpty());
    }

    @Test
    void specificMistakesAreNamed() {
        RecordingSink sink = new RecordingSink();
        assertTrue(((String) new TrainMagic(session, 0).call(sink, List.of("quick", "--steps", "many"), null))
                .contains("--steps expects a whole number, got 'many'"));
        assertTrue(((String) new TrainMagic(session, 0).call(sink, List.of("quick", "--stpes", "3"), null))
                .contains("unknown option --stpes"));
        assertTrue(((String) new AblationMagic(session, 0).call(sink, List.of("layers"), null))
                .contains("missing --layers L"));
        assertTrue(((String) new ShowMagic(session).call(sink, List.of("run", "--upsample", "0.5"), null))
                .contains("--upsample must be a number >= 1.0, got 0.5"));
        assertTrue(((String) new DeviceMagic(session).call(sink, List.of("tpu"), null))
                .contains("unknown device 'tpu'; allowed: auto, cpu, gpu, gpu:N"));
        assertTrue(((String) new AblationMagic(session, 0).call(sink, List.of("layers", "--layers", "1-5", "--seeds",
                "0"), null)).startsWith("%ginr_ablation: --seeds must be at least 1, got 0\nusage: %ginr_ablation"));
        assertTrue(((String) new TrainMagic(session, 0).call(sink, List.of("quick", "--steps", "${STEPS}"), null))
                .startsWith("%ginr_train: '${STEPS}' is not a variable with a default; write ${NAME:-DEFAULT}"));
        assertEquals(0, sink.displayed.size(), "a bad call shows nothing else");
    }

    @Test
    void helpShowsUsageDescriptionAndOptions() {
        String help = (String) new TrainMagic(session, 0).call(new RecordingSink(), List.of("--help"), null);
        assertTrue(help.startsWith("usage: %ginr_train NAME [--data DIR] [--steps N]"), help);
        assertTrue(help.contains("--resume"), help);
        String ablation = (String) new AblationMagic(session, 0).call(new RecordingSink(), List.of("-h"), null);
        assertTrue(ablation.contains("arch.modulated_layer_idxs [L-1]"), ablation);
        assertTrue(ablation.contains("[--seeds K]") && ablation.contains("results.csv"), ablation);
    }

    @Test
    void failuresTheUserCanFixAreOneMessageWithoutTrace() {
        MagicFailure f = assertThrows(MagicFailure.class, () -> new TrainMagic(session, 0)
                .call(new RecordingSink(), List.of("nosuch"), null));
        assertTrue(f.getMessage().startsWith("%ginr_train: no config named 'nosuch'"), f.getMessage());
        assertEquals(0, f.getStackTrace().length);
        MagicFailure compare = assertThrows(MagicFailure.class, () -> new CompareMagic(session)
                .call(new RecordingSink(), List.of("nosuch"), null));
        assertTrue(compare.getMessage().startsWith("%ginr_compare: no run named 'nosuch' in this session"),
                compare.getMessage());
        MagicFailure layers = assertThrows(MagicFailure.class, () -> new AblationMagic(session, 0)
                .call(new RecordingSink(), List.of("image-32-small", "--layers", "0-7"), null));
        assertTrue(layers.getMessage().contains("out of range; give paper layer numbers 1..5"), layers.getMessage());
    }
}
