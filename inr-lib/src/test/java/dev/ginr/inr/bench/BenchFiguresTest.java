package dev.ginr.inr.bench;

import dev.ginr.inr.config.ModelType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchFiguresTest {

    @Test
    void windowStatsGiveMedianExtremesAndRelativeSpread() {
        WindowStats s = WindowStats.of(4, 1, 3, 2);
        assertEquals(2.5, s.median());
        assertEquals(1, s.min());
        assertEquals(4, s.max());
        assertEquals(3 / 2.5, s.spread(), 1e-12);
        assertEquals(10, WindowStats.of(5).times(2).median());
        assertEquals(0.25, WindowStats.of(4).reciprocal().median());
    }

    @Test
    void eachStepIsComparedWithThePeakMeasuredNextToIt() {
        // 200 GFLOP per step in 2 s and 4 s: 100 and 50 GFLOP/s, against peaks of 200 and 100 GFLOP/s
        HyponetStepBench.Result r = new HyponetStepBench.Result(16, 178, WindowStats.of(2, 4),
                WindowStats.of(200, 100), 200_000_000_000L);
        assertEquals(75, r.gflops().median(), 1e-9);
        assertEquals(50, r.percentOfPeak().min(), 1e-9);
        assertEquals(50, r.percentOfPeak().max(), 1e-9);
    }

    @Test
    void residentSetSizeIsReadFromTheVmRssLineInBytes() {
        assertEquals(123456L * 1024, ProcessMemory.parseVmRss(List.of("Name:\tjava", "VmPeak:\t  999 kB",
                "VmRSS:\t  123456 kB", "Threads:\t9")));
        assertEquals(-1, ProcessMemory.parseVmRss(List.of("Name:\tjava")));
        assertTrue(ProcessMemory.residentBytes() > 1024 * 1024, "this JVM holds more than 1 MiB");
    }

    @Test
    void reportWritesOneCsvLinePerFigureThatReadsBackWithItsNumbersAndQuotedNotes() {
        BenchReport r = new BenchReport()
                .add("train", "ours", "image-32-small", "steps/s", "1/s", WindowStats.of(2, 4, 3), "a \"note\", too")
                .note("train", "learned_init", "meta-32-small", "not available: later");
        String csv = r.csv();
        assertEquals(3, csv.strip().split("\n").length, csv);
        assertTrue(csv.startsWith("section,model,preset,metric,unit,median,min,max,spread,windows,note"), csv);
        Table back = Table.read().csv(CsvReadOptions.builderFromString(csv).build());
        assertEquals(2, back.rowCount());
        assertEquals(3.0, back.numberColumn("median").getDouble(0));
        assertEquals(2.0, back.numberColumn("min").getDouble(0));
        assertEquals(4.0, back.numberColumn("max").getDouble(0));
        assertEquals(2.0 / 3, back.numberColumn("spread").getDouble(0), 1e-12);
        assertEquals(3, back.numberColumn("windows").getDouble(0));
        assertEquals("a \"note\", too", back.stringColumn("note").get(0));
        assertTrue(back.numberColumn("median").isMissing(1), csv);
        assertEquals(0, back.numberColumn("windows").getDouble(1));
        assertEquals("not available: later", back.stringColumn("note").get(1));
        assertTrue(r.table().contains("not available: later"));
        assertEquals(3.0, r.find("train", "ours", "steps/s").median());
    }

    @Test
    void namedSettingsFollowTheIssueAndPresetsFollowTheModelKind() {
        BenchSettings small = BenchSettings.named("small");
        assertEquals(20, small.warmupSteps());
        assertEquals(200, small.soakSteps());
        assertEquals(4, small.windows());
        BenchSettings soak = small.withLongSoak(2000);
        assertEquals(List.of(100, 2000, 10), List.of(soak.warmupSteps(), soak.soakSteps(), soak.windows()));
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> small.withLongSoak(2005));
        assertTrue(odd.getMessage().contains("--soak 2005") && odd.getMessage().contains("multiple of 10"),
                odd.getMessage());
        assertEquals(16, small.batch());
        assertEquals(List.of(ModelType.values()), small.models());
        assertTrue(small.small() && !small.paper());
        assertTrue(BenchSettings.named("all").paper());
        assertEquals("meta-32-small", BenchSettings.smallPreset(ModelType.LEARNED_INIT));
        assertEquals("image-178-paper", BenchSettings.paperPreset(ModelType.TRANSINR));
        assertThrows(IllegalArgumentException.class, () -> BenchSettings.named("huge"));
        assertThrows(IllegalArgumentException.class, () -> small.withSoak(100, 2001, 10));
    }

    @Test
    void trainingLogIntervalDividesWarmupAndWindow() {
        assertEquals(100, TrainingBench.gcd(100, 200));
        assertEquals(1, TrainingBench.gcd(1, 1));
        assertEquals(10, TrainingBench.gcd(20, 50));
    }
}
