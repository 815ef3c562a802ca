package dev.ginr.inr.experiment;

import dev.ginr.inr.data.SignalBatch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The PSNR a reconstruction shows is that of the values its picture or WAV can hold: clamped to the signal's range. */
class ReconstructionTest {

    @Test
    void psnrIsOfTheReconstructionClampedToTheSignalRange() {
        SignalBatch truth = new SignalBatch(new float[] {0f, 0.5f, 1f, 1f}, 1, new int[] {2, 2}, 1);
        SignalBatch rec = new SignalBatch(new float[] {-0.5f, 0.5f, 1.5f, 0.9f}, 1, new int[] {2, 2}, 1);
        // clamped to [0, 1]: errors 0, 0, 0, 0.1 -> MSE 0.0025 -> 26.02 dB (raw: 0.25, 0, 0.25, 0.01 -> 7.96 dB)
        assertEquals(-10 * Math.log10(0.01 / 4), Reconstruction.psnr(truth, rec, 0, 1)[0], 1e-4);
        // audio's range [-1, 1]: -0.5 stays, 1.5 becomes 1 -> errors 0.5, 0, 0, 0.1
        assertEquals(-10 * Math.log10((0.25 + 0.01) / 4), Reconstruction.psnr(truth, rec, -1, 1)[0], 1e-4);
    }
}
