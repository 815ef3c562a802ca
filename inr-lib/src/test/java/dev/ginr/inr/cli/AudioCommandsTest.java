package dev.ginr.inr.cli;

import dev.ginr.inr.TestData;
import dev.ginr.inr.data.ImageFiles;
import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.data.audio.Waveform;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.inr.data.SignalBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ginr train/eval/reconstruct} on recorded speech clips of the offline speech set (audio-1s-small). */
class AudioCommandsTest {

    /** 4 train and 2 test clips of the offline speech set. */
    static Path smallSpeechFolder(Path tmp) throws Exception {
        for (String split : List.of("train", "test")) {
            Path dst = Files.createDirectories(tmp.resolve(split));
            for (Path p : AudioClipFolder.list(TestData.speechClips(1, split)).subList(0, split.equals("train") ? 4 : 2)) {
                Files.copy(p, dst.resolve(p.getFileName()));
            }
        }
        return tmp;
    }

    @Test
    void trainEvalAndReconstructWriteSixteenBitWavsAtTheRateAndTwiceTheRate(@TempDir Path tmp) throws Exception {
        Path data = smallSpeechFolder(tmp.resolve("data"));
        Path runDir = tmp.resolve("run");
        TrainCommandTest.Run train = TrainCommandTest.run("train", "--preset", "audio-1s-small", "--data",
                data.toString(), "--steps", "2", "--out", runDir.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("train: read 4 clips; test: read 2 clips as 1 s clips at 16000 Hz"),
                train.out());
        double silence = SignalData.silentPsnr(AudioClipFolder.load(data.resolve("test"), 16000).clips())[0];
        assertTrue(train.out().matches("(?s).*silence\\s+\\|\\s+all zeros\\s+\\|\\s+test\\s+\\|\\s+2\\s+\\|.*"),
                train.out());

        TrainCommandTest.Run eval = TrainCommandTest.run("eval", "--checkpoint", runDir.toString(), "--data",
                data.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().startsWith("read 2 clips from"), eval.out());
        assertTrue(eval.out().contains("low_rank_modulated_transinr") && eval.out().contains("all zeros"), eval.out());

        Path out = tmp.resolve("wav");
        TrainCommandTest.Run recon = TrainCommandTest.run("reconstruct", "--checkpoint", runDir.toString(), "--data",
                data.resolve("test").toString(), "--out", out.toString());
        assertEquals(0, recon.code(), recon.err());
        assertTrue(Files.exists(out.resolve(ImageFiles.OUTPUT_MARKER)));
        SignalBatch truthClips = AudioClipFolder.load(data.resolve("test"), 16000).clips();
        for (int i = 0; i < 2; i++) {
            String stem = String.format(Locale.ROOT, "clip-%03d", i);
            Waveform truth = WavFile.read(out.resolve(stem + "-truth.wav"));
            Waveform recon1 = WavFile.read(out.resolve(stem + "-recon-16000hz.wav"));
            Waveform recon2 = WavFile.read(out.resolve(stem + "-recon-32000hz.wav"));
            assertEquals(16000, truth.sampleRate());
            assertEquals(1.0, truth.seconds());
            assertEquals(16000, recon1.sampleRate());
            assertEquals(1.0, recon1.seconds());
            assertEquals(32000, recon2.sampleRate());
            assertEquals(1.0, recon2.seconds());
            float[] expected = truthClips.signal(i);
            for (int n = 0; n < expected.length; n++) { // the truth file holds the clip, to 16-bit precision
                assertEquals(expected[n], truth.samples()[n], 1.0 / 32767, "sample " + n);
            }
            assertTrue(rms(recon1.samples()) > 1e-3 && rms(recon2.samples()) > 1e-3, "the renders are not silent");
            Matcher m = Pattern.compile(stem + " \\(.*\\): PSNR (\\d+\\.\\d\\d) dB, silence (\\d+\\.\\d\\d) dB")
                    .matcher(recon.out());
            assertTrue(m.find(), recon.out());
            assertEquals(psnr(truth.samples(), recon1.samples()), Double.parseDouble(m.group(1)), 0.02,
                    "the printed PSNR is that of the written files");
            assertEquals(-10 * Math.log10(rms(truth.samples()) * rms(truth.samples())),
                    Double.parseDouble(m.group(2)), 0.02);
            float[] pairs = new float[16000]; // sample n's centre lies between dense samples 2n and 2n + 1
            for (int n = 0; n < pairs.length; n++) {
                pairs[n] = (recon2.samples()[2 * n] + recon2.samples()[2 * n + 1]) / 2;
            }
            assertTrue(psnr(recon1.samples(), pairs) > 20, "the 2x render follows the same waveform");
        }
        assertTrue(silence > 10 && silence < 35, "speech, not silence: " + silence);
        assertTrue(recon.out().contains("render at 32000 Hz"), recon.out());

        TrainCommandTest.Run again = TrainCommandTest.run("reconstruct", "--checkpoint", runDir.toString(), "--data",
                data.resolve("test").toString(), "--out", data.resolve("train").toString());
        assertEquals(1, again.code(), again.out());
        assertEquals("ginr reconstruct: output folder " + data.resolve("train") + " already holds WAV files that ginr did not "
                + "write; choose a new or empty folder", again.err().strip());
    }

    @Test
    void anAudioRunRefusesAFileGivenAsItsDataFolder(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("clip.wav"), "x");
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--preset", "audio-1s-small", "--data", file.toString(),
                "--steps", "1", "--out", tmp.resolve("run").toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("ginr train: data folder " + file + " is a file, not a folder; give a folder of WAV files (with train/ "
                + "and test/ subfolders, or without)", r.err().strip());
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * (double) v;
        }
        return Math.sqrt(s / x.length);
    }

    private static double psnr(float[] a, float[] b) {
        double s = 0;
        for (int n = 0; n < a.length; n++) {
            s += (a[n] - (double) b[n]) * (a[n] - (double) b[n]);
        }
        return -10 * Math.log10(s / a.length);
    }
}
