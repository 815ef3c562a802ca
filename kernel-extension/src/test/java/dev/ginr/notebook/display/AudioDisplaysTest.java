package dev.ginr.notebook.display;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.audio.WavFile;
import dev.ginr.inr.data.audio.Waveform;
import dev.ginr.inr.experiment.Reconstruction;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioDisplaysTest {

    /** A tone of {@code hz} with amplitude {@code a}, {@code n} samples at {@code rate}. */
    static float[] tone(double hz, double a, int n, int rate) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (a * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** The WAVs embedded in {@code html}'s audio elements, decoded. */
    static List<Waveform> players(String html) {
        List<Waveform> out = new ArrayList<>();
        Matcher m = Pattern.compile("<audio controls[^>]*src=\"data:audio/wav;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        while (m.find()) {
            out.add(WavFile.read(Base64.getDecoder().decode(m.group(1))));
        }
        return out;
    }

    @Test
    void playersHoldTruthReconstructionAndTheTwiceTheRateRenderAsSixteenBitWav() throws Exception {
        float[] truth = tone(440, 0.5, 16000, 16000);
        float[] recon = tone(440, 0.25, 16000, 16000);
        float[] dense = tone(440, 0.25, 32000, 32000);
        Reconstruction r = new Reconstruction("speech", new SignalBatch(truth, 1, new int[] {16000}, 1),
                new SignalBatch(recon, 1, new int[] {16000}, 1), new SignalBatch(dense, 1, new int[] {32000}, 1), 2,
                new double[] {14.2});
        DisplayData d = AudioDisplays.reconstruction(r, 16000);
        assertEquals("reconstructions by 'speech' of 1 clips at 16000 Hz: mean PSNR 14.20 dB; rendered at 32000 Hz "
                + "too", d.getData(MIMEType.TEXT_PLAIN));
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        List<Waveform> wavs = players(html);
        assertEquals(3, wavs.size());
        assertEquals(List.of(16000, 16000, 32000), wavs.stream().map(Waveform::sampleRate).toList());
        float[][] expected = {truth, recon, dense};
        for (int k = 0; k < 3; k++) {
            assertEquals(1.0, wavs.get(k).seconds());
            for (int i = 0; i < expected[k].length; i += 7) {
                assertEquals(expected[k][i], wavs.get(k).samples()[i], 1.0 / 32767);
            }
        }
        assertTrue(html.contains("ground truth (16000 Hz)") && html.contains("render at 32000 Hz"), html);
        Matcher img = Pattern.compile("alt=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\" src=\"data:image/png;"
                + "base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        List<String> alts = new ArrayList<>();
        while (img.find()) {
            alts.add(img.group(1));
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(4))));
            assertEquals(2 * Integer.parseInt(img.group(2)), png.getWidth(), img.group(1));
        }
        assertEquals(List.of("spectrogram, ground truth", "spectrogram, reconstruction",
                "spectrogram, render at 32000 Hz", "waveforms"), alts);
    }

    @Test
    void theSpectrogramPutsAToneInItsFrequencyBandAtItsLevel() {
        Spectrogram s = Spectrogram.of(tone(3000, 0.5, 16000, 16000), 16000);
        assertEquals(0.016, s.frameSecs(), 1e-9);
        assertEquals(8000, s.nyquist());
        assertEquals(1 + (16000 - 512) / 256, s.db().length);
        int band = (int) (3000 / (8000.0 / Spectrogram.ROWS)); // 3000 Hz lies in band 18 of 48
        double[] frame = s.db()[10];
        int loudest = 0;
        for (int r = 1; r < Spectrogram.ROWS; r++) {
            loudest = frame[r] > frame[loudest] ? r : loudest;
        }
        assertEquals(band, loudest);
        assertTrue(frame[band] > -20 && frame[band] < 0, "a half-scale tone, averaged over its band: " + frame[band]);
        assertTrue(frame[2] < frame[band] - 60, "far from the tone only window leakage: " + frame[2]);
        assertEquals(Spectrogram.FLOOR_DB, Spectrogram.of(new float[16000], 16000).db()[3][7]);
    }

    /** A silent clip draws as one floor colour inside the plot: no seams of background between the cells. */
    @Test
    void theSpectrogramIsOneSurfaceWithoutSeamsBetweenCells() {
        BufferedImage img = org.knowm.xchart.BitmapEncoder.getBufferedImage(
                Spectrogram.of(new float[16000], 16000).chart("silence", 360, 200));
        int seams = 0;
        int inside = 0;
        for (int y = img.getHeight() / 4; y < img.getHeight() * 7 / 10; y++) {
            for (int x = img.getWidth() / 4; x < img.getWidth() * 95 / 100; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int g = (rgb >> 8) & 255;
                int b = rgb & 255;
                inside++;
                if (r > 40 || g > 40 || b > 80) { // the floor colour is (0, 0, 32)
                    seams++;
                }
            }
        }
        assertEquals(0, seams, seams + " of " + inside + " pixels inside the plot are not the floor colour");
    }
}
