package dev.ginr.inr.cli;

import dev.ginr.inr.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitCommandTest {

    private static TrainCommandTest.Run run(String... args) {
        return TrainCommandTest.run(args);
    }


    @Test
    void fitPrintsARisingPsnrAndWritesReconstructions(@TempDir Path tmp) throws Exception {
        TrainCommandTest.Run r = run("fit", TestData.crops(32, "train").toString(), "--limit", "2", "--steps", "60", "--log-every",
                "20", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("PSNR (?:after \\d+ steps: )?(\\d+\\.\\d+) dB").matcher(r.out());
        List<Double> psnr = m.results().map(x -> Double.parseDouble(x.group(1))).toList();
        assertEquals(4, psnr.size(), r.out()); // steps 20, 40, 60 and the final line
        assertTrue(psnr.get(0) < psnr.get(1) && psnr.get(1) < psnr.get(2), "PSNR must rise: " + psnr);
        assertTrue(r.out().contains("read 2 images"), r.out());
        assertTrue(Files.exists(tmp.resolve("recon-000.png")) && Files.exists(tmp.resolve("recon-001.png")));
        assertFalse(r.err().contains("INFO") || r.err().contains("CUDA"), "engine chatter leaked: " + r.err());
    }

    @Test
    void badArgumentsPrintAUsageLineNotAStackTrace() {
        TrainCommandTest.Run r = run("fit", "/nonexistent-folder-xyz");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("/nonexistent-folder-xyz") && r.err().contains("does not exist"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        TrainCommandTest.Run usage = run("fit", "--steps", "many", "/tmp");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("'many'") && usage.err().contains("Usage: ginr fit"), usage.err());
        TrainCommandTest.Run rank = run("fit", "/tmp", "--rank", "65");
        assertEquals(1, rank.code());
        assertTrue(rank.err().contains("arch.rank = 65"), rank.err());
    }
}
