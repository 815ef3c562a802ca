package dev.ginr.inr.train;

import dev.ginr.inr.data.SignalBatch;

import java.util.Arrays;
import java.util.List;

/**
 * What the inner loop achieves on signals it adapts to, step by step (PAPER.md §4, evaluation).
 *
 * @param psnrByStep            PSNR (dB) of each instance after each inner step: [instance][step], step 0 = the
 *                              learned initialisation, step N_inner = the adapted result
 * @param reconstructionsByStep the reconstructions after each inner step (index 0 = the learned initialisation,
 *                              N_inner = the adapted result), each in the layout of the input
 */
public record AdaptationResult(double[][] psnrByStep, List<SignalBatch> reconstructionsByStep) {

    public AdaptationResult {
        reconstructionsByStep = List.copyOf(reconstructionsByStep);
    }

    /** The adapted reconstructions (after the last inner step). */
    public SignalBatch reconstructions() {
        return reconstructionsByStep.get(reconstructionsByStep.size() - 1);
    }

    /** Number of inner steps, N_inner. */
    public int innerSteps() {
        return psnrByStep.length == 0 ? 0 : psnrByStep[0].length - 1;
    }

    /** Mean PSNR over the instances after each inner step, step 0 = the init. */
    public double[] meanPsnrByStep() {
        double[] mean = new double[innerSteps() + 1];
        for (int k = 0; k < mean.length; k++) {
            int step = k;
            mean[k] = Arrays.stream(psnrByStep).mapToDouble(row -> row[step]).average().orElse(Double.NaN);
        }
        return mean;
    }

    /** Mean PSNR after the last inner step, the number the paper reports. */
    public double meanFinalPsnr() {
        double[] m = meanPsnrByStep();
        return m[m.length - 1];
    }
}
