package dev.ginr.notebook.magic;

import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.inr.experiment.TrainingRecipe;
import dev.ginr.inr.train.TrainingPlan;

import java.util.List;
import java.util.Locale;

/** The options that shape a training recipe, shared by {@code %ginr_train} and {@code %ginr_ablation}. */
final class RecipeOptions {

    static final List<Usage.Option> OPTIONS = List.of(
            Usage.Option.of("data", "DIR", "image or WAV folder (train/ and test/, or split 90/10); default: the "
                    + "session's"),
            Usage.Option.of("steps", "N", "optimiser steps (default: the config's run length)"),
            Usage.Option.of("batch", "N", "signals per step (default: the config's batch)"),
            Usage.Option.of("images", "N", "train on the first N training images or clips only (default: all)"),
            Usage.Option.of("test-images", "N", "score on the first N held-out images or clips only (default: all)"));

    private RecipeOptions() {}

    /** The numbers the options give (0 = the config's or all), checked before anything else is done. */
    record Values(int steps, int batch, int images, int testImages) {

        static Values of(MagicArgs args) throws UsageException {
            return new Values(args.integer("steps", 0, 1), args.integer("batch", 0, 1), args.integer("images", 0, 1),
                    args.integer("test-images", 0, 1));
        }

        /** {@code recipe} with these values. */
        TrainingRecipe apply(TrainingRecipe recipe) {
            return recipe.withSteps(steps).withBatchSize(batch).withImages(images, testImages);
        }
    }

    /** "32x32, 20 steps of batch 4, 8 train / 4 held-out images, cpu()" */
    static String scale(TrainingRecipe recipe, SignalFolder.Split split, String device) {
        TrainingPlan plan = recipe.plan(split.train().files().size());
        String what = SignalData.isAudio(recipe.spec()) ? "clips" : "images";
        return String.format(Locale.ROOT, "%s, %d steps of batch %d, %d train / %d held-out %s, %s",
                SignalData.scale(recipe.spec()), plan.steps(), plan.batchSize(), split.train().files().size(),
                split.test().files().size(), what, device);
    }
}
