package dev.ginr.notebook.magic;

import dev.ginr.notebook.display.RecordingSink;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigMagicTest {

    private final GinrSession session = GinrSession.create();
    private final ConfigMagic magic = new ConfigMagic(session);

    @Test
    void aValidConfigIsStoredAndSummarised() {
        RecordingSink sink = new RecordingSink();
        magic.call(sink, List.of("quick", "--preset", "image-32-small"), "experiment:\n  steps: 12\n  batch_size: 4\n");
        NamedConfig c = session.config("quick");
        assertEquals(12, c.spec().experiment().steps());
        assertEquals(4, c.spec().experiment().batchSize());
        String text = (String) sink.displayed.get(0).getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("config 'quick' (low_rank_modulated_transinr over preset image-32-small): 32x32"),
                text);
    }

    @Test
    void anInvalidValueNamesItsPathAndLineAndIsNotStored() {
        String body = "# budget\nexperiment:\n  steps: 12\narch:\n  rank: [0]\n";
        MagicFailure f = assertThrows(MagicFailure.class,
                () -> magic.call(new RecordingSink(), List.of("bad", "--preset", "image-32-small"), body));
        assertTrue(f.getMessage().contains("arch.rank"), f.getMessage());
        assertTrue(f.getMessage().contains("line 5 of the config body (cell line 6)"), f.getMessage());
        assertTrue(session.configs().isEmpty());
    }

    @Test
    void aYamlSyntaxErrorReportsItsLine() {
        String body = "experiment:\n  steps: 12\n  batch_size: [4\n";
        MagicFailure f = assertThrows(MagicFailure.class, () -> magic.call(new RecordingSink(), List.of("bad"), body));
        assertTrue(f.getMessage().matches("(?s).*line [34].*"), f.getMessage());
        assertTrue(f.getMessage().startsWith("%%ginr_config bad: "), f.getMessage());
    }

    @Test
    void aBudgetVariableTakesTheEnvironmentsValueElseItsDefault() {
        String body = "experiment:\n  steps: ${GINR_TEST_UNSET_VARIABLE_17:-600}\n";
        magic.call(new RecordingSink(), List.of("budget", "--preset", "image-32-small"), body);
        assertEquals(600, session.config("budget").spec().experiment().steps());
        String set = BudgetVariables.expand(body, java.util.Map.of("GINR_TEST_UNSET_VARIABLE_17", " 8 ")::get);
        assertEquals("experiment:\n  steps: 8\n", set);
        assertEquals("a: 3", BudgetVariables.expand("a: ${X:-3}", java.util.Map.of("X", "")::get));
    }

    @Test
    void aVariableWithoutDefaultIsRefusedAndNothingIsStored() {
        MagicFailure f = assertThrows(MagicFailure.class, () -> magic.call(new RecordingSink(),
                List.of("bad", "--preset", "image-32-small"), "experiment:\n  steps: ${STEPS}\n"));
        assertEquals("%%ginr_config: '${STEPS}' is not a variable with a default; write ${NAME:-DEFAULT}, e.g. "
                + "${GINR_QUICKSTART_STEPS:-600}", f.getMessage());
        assertTrue(session.configs().isEmpty());
    }
}
