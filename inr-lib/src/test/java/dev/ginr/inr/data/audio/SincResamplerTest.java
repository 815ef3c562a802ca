package dev.ginr.inr.data.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SincResamplerTest {

    static float[] tone(double hz, int rate, double seconds, double amplitude) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Largest deviation from the ideal tone at the output rate, away from the edges (the first and last 0.1 s). */
    private static double maxError(float[] y, double hz, int rate, double amplitude) {
        double worst = 0;
        for (int n = rate / 10; n < y.length - rate / 10; n++) {
            worst = Math.max(worst, Math.abs(y[n] - amplitude * Math.sin(2 * Math.PI * hz * n / rate)));
        }
        return worst;
    }

    private static double rms(float[] y, int rate) {
        double s = 0;
        int count = 0;
        for (int n = rate / 10; n < y.length - rate / 10; n++) {
            s += y[n] * (double) y[n];
            count++;
        }
        return Math.sqrt(s / count);
    }

    @Test
    void aToneInThePassbandKeepsItsAmplitudeAndPhase() {
        int[][] conversions = {{44100, 16000}, {48000, 16000}, {22050, 16000}, {8000, 16000}, {11025, 16000}};
        for (int[] c : conversions) {
            SincResampler r = new SincResampler(c[0], c[1]);
            double hz = c[0] == 8000 ? 3000 : 1000; // 3 kHz = 0.75 of the 4 kHz Nyquist of the 8 kHz input
            float[] y = r.resample(tone(hz, c[0], 1.0, 0.8));
            assertEquals(c[1], y.length, c[0] + " Hz -> " + c[1] + " Hz: one second in, one second out");
            double err = maxError(y, hz, c[1], 0.8);
            assertTrue(err < 1e-3, c[0] + " -> " + c[1] + " Hz: " + hz + " Hz tone deviates by " + err);
        }
    }

    @Test
    void theTopOfThePassbandKeepsItsAmplitude() {
        float[] y = new SincResampler(48000, 16000).resample(tone(7000, 48000, 1.0, 0.5)); // 0.875 of the 8 kHz Nyquist
        assertEquals(0.5 / Math.sqrt(2), rms(y, 16000), 0.5 / Math.sqrt(2) * 1e-3);
    }

    @Test
    void aToneAboveTheNewNyquistIsRemoved() {
        for (int hz : new int[] {8500, 10000, 15000, 20000}) {
            float[] y = new SincResampler(44100, 16000).resample(tone(hz, 44100, 1.0, 0.9));
            double level = 20 * Math.log10(rms(y, 16000) / (0.9 / Math.sqrt(2)));
            assertTrue(level < -80, hz + " Hz tone left at " + level + " dB after 44.1 -> 16 kHz");
        }
    }

    @Test
    void lengthsFollowTheReducedRatio() {
        SincResampler r = new SincResampler(44100, 16000);
        assertEquals(16000, r.outputLength(44100));
        assertEquals(1, r.outputLength(1));
        assertEquals(363, r.outputLength(1000)); // ceil(1000 * 160 / 441)
        assertEquals(0, r.resample(new float[0]).length);
    }

    @Test
    void ratesNeedingTooManyPhasesAreRefusedWithTheRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SincResampler(44057, 16000));
        assertTrue(e.getMessage().startsWith("unsupported sample rate 44057 Hz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SincResampler(0, 16000));
    }
}
