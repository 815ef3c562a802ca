package dev.ginr.inr.experiment;

import dev.ginr.inr.config.ModelType;

import java.util.Locale;

/**
 * One run's held-out result together with the scale it was measured at, so that a number never travels without its
 * budget: the resolution, the optimiser steps, how many images it trained on and was tested on, and where.
 *
 * @param run          the run's name
 * @param model        which of the four models
 * @param dataset      the experiment's {@code dataset.type} (e.g. image_folder for the offline photo crops); for
 *                     scenes {@code scenes:<category>} ({@link SceneData#datasetName})
 * @param resolution   image side length S, 0 for audio
 * @param steps        optimiser steps completed
 * @param batchSize    signals per step
 * @param trainSignals images trained on
 * @param testSignals  held-out images the PSNR is averaged over
 * @param meanPsnr     mean held-out PSNR (dB), NaN when the run was not evaluated
 * @param device       where it ran ("cpu()", "gpu(0)")
 * @param clipSeconds  audio clip length in seconds (Table 1 has a 1 s and a 3 s column), 0 for images and scenes
 */
public record RunScore(String run, ModelType model, String dataset, int resolution, long steps, int batchSize,
                       int trainSignals, int testSignals, double meanPsnr, String device, double clipSeconds) {

    /** A score of images or scenes (no clip length). */
    public RunScore(String run, ModelType model, String dataset, int resolution, long steps, int batchSize,
                    int trainSignals, int testSignals, double meanPsnr, String device) {
        this(run, model, dataset, resolution, steps, batchSize, trainSignals, testSignals, meanPsnr, device, 0);
    }

    /** "32x32, 20 steps of batch 4, 8 train / 4 held-out images, cpu()"; audio: "1 s audio clips, 20 steps of ..." */
    public String setting() {
        if (SceneData.isSceneDataset(dataset)) {
            return String.format(Locale.ROOT, "%dx%d views, %d steps of batch %d, %d train / %d held-out objects, %s",
                    resolution, resolution, steps, batchSize, trainSignals, testSignals, device);
        }
        if (resolution == 0) { // audio: the clips' length and rate are in the run's spec
            return String.format(Locale.ROOT, "%saudio clips, %d steps of batch %d, %d train / %d held-out clips, %s",
                    clipSeconds > 0 ? seconds(clipSeconds) + " s " : "", steps, batchSize, trainSignals, testSignals,
                    device);
        }
        return String.format(Locale.ROOT, "%dx%d, %d steps of batch %d, %d train / %d held-out images, %s",
                resolution, resolution, steps, batchSize, trainSignals, testSignals, device);
    }

    /** 1 -> "1", 1.5 -> "1.5". */
    static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
