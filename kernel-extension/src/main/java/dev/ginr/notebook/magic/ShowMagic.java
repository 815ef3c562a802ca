package dev.ginr.notebook.magic;

import dev.ginr.inr.config.ModelType;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.SignalFolder;
import dev.ginr.inr.experiment.Reconstruction;
import dev.ginr.inr.experiment.SceneData;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.inr.train.AdaptationResult;
import dev.ginr.notebook.display.AudioDisplays;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.SceneGrids;
import dev.ginr.notebook.display.Displays;
import dev.ginr.notebook.display.InnerStepGrid;

import java.util.List;

/**
 * {@code %ginr_show RUN [--upsample K]}: a grid of held-out images with the run's reconstructions and error maps,
 * and with {@code --upsample K} the reconstructions rendered K times denser beside them. For an audio run: players
 * for ground truth | reconstruction | the render at K times the rate (2 by default), waveforms and spectrograms
 * ({@link AudioDisplays}). With {@code --inner-steps}, for a meta-learned image run: the reconstruction and PSNR
 * after each inner step of Algorithm 1, from the learned initialisation (step 0) on ({@link InnerStepGrid}).
 * For a novel view synthesis run: support view | query view | rendered query view | a turntable of new viewpoints,
 * for the first held-out scenes ({@link SceneGrids}; K whole, 2 by default).
 */
public final class ShowMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_show", "RUN", 1, 1,
            "Shows ground truth | reconstruction | error map for the first N held-out images (or training images "
                    + "with --train), and with --upsample K the reconstruction rendered at K times the resolution. "
                    + "With --inner-steps (meta-learned runs), the reconstruction and PSNR after each inner step of "
                    + "Algorithm 1 instead: rows = images, columns = step 0 (the learned init) .. N, ground truth.",
            List.of(Usage.Option.of("upsample", "K", "also render at K times the resolution (K >= 1; default 1, "
                            + "audio 2)"),
                    Usage.Option.of("images", "N", "how many images or clips (default 4, audio 2)"),
                    Usage.Option.of("data", "DIR", "image or WAV folder (default: the run's own)"),
                    Usage.Option.flag("train", "show training images instead of held-out ones"),
                    Usage.Option.flag("inner-steps", "meta-learned runs (" + ModelType.META_LOW_RANK.yamlName()
                            + ", " + ModelType.LEARNED_INIT.yamlName() + "): the reconstruction and PSNR after each "
                            + "inner step, from the learned init (step 0), beside the ground truth")));

    public ShowMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        double upsample = args.number("upsample", 1, 1);
        int n = args.integer("images", 4, 1);
        SessionRun r = session.run(args.positional(0));
        if (r.run().spec().dataset().isScene()) { // novel views: a turntable at 2x unless asked otherwise
            if (args.has("inner-steps")) {
                checkInnerSteps(r, args, false); // scene models predict their weights in one pass: refused
            }
            int k = args.has("upsample") ? (int) upsample : 2;
            if (args.has("upsample") && (k != upsample || k > 8)) {
                throw new UsageException("--upsample " + args.get("upsample", null) + " is not allowed for scenes; "
                        + "allowed: a whole number from 1 to 8 (views are rendered at K times the model's resolution)");
            }
            SceneData scenes = r.scenes(args.path("data", null), session.defaultData(r.run().spec()));
            sink.display(SceneGrids.novelViews(r.run(), scenes, args.has("images") ? n : 2, k));
            return null; // the picture is the output
        }
        boolean audio = SignalData.isAudio(r.run().spec());
        if (audio) { // a 2x render and two clips unless asked otherwise: the players are large
            upsample = args.has("upsample") ? upsample : 2;
            n = args.has("images") ? n : 2;
        }
        if (args.has("inner-steps")) {
            checkInnerSteps(r, args, audio);
        }
        SignalFolder part = shownSignals(r, args);
        SignalBatch signals = part.signals().slice(0, Math.min(n, part.files().size()));
        if (args.has("inner-steps")) {
            AdaptationResult steps = r.run().adaptation(signals);
            sink.display(InnerStepGrid.display(r.run().name(), steps, signals));
            return steps;
        }
        Reconstruction rec = Reconstruction.of(r.run(), signals, upsample);
        sink.display(audio ? AudioDisplays.reconstruction(rec, r.run().spec().dataset().samplingRate())
                : Displays.reconstruction(rec));
        return rec;
    }

    /** --inner-steps needs an image run with inner steps, and shows the images' own resolution only. */
    private static void checkInnerSteps(SessionRun r, MagicArgs args, boolean audio) throws UsageException {
        ModelType type = r.run().spec().modelType();
        if (!type.isMetaLearning()) {
            throw new UsageException("--inner-steps needs a meta-learned run (" + ModelType.META_LOW_RANK.yamlName()
                    + " or " + ModelType.LEARNED_INIT.yamlName() + "); '" + r.run().name() + "' is "
                    + type.yamlName() + ", whose weights come from a transformer in one pass");
        }
        if (audio) {
            throw new UsageException("--inner-steps shows images; '" + r.run().name() + "' reconstructs audio");
        }
        if (args.has("upsample")) {
            throw new UsageException("--inner-steps shows each step at the images' own resolution; drop --upsample");
        }
    }
}
