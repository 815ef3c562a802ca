package dev.ginr.notebook.magic;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.ComposerMix;
import dev.ginr.inr.experiment.SignalData;
import dev.ginr.notebook.display.ActivationGrids;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;

import java.util.List;

/**
 * {@code %ginr_mix RUN A B [--steps K]}: composer arithmetic: the images rendered from (1 - t) V(A) + t V(B) for K
 * values of t from 0 to 1, where V(A) and V(B) are the composers the run predicts for held-out images A and B
 * ({@link ComposerMix}); a strip from A to B.
 */
public final class MixMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_mix", "RUN A B", 3, 3,
            "Renders images from a mix of two images' instance pattern composers, (1-t) V(A) + t V(B), for K values "
                    + "of t from 0 to 1 (t = 0 is A's reconstruction, t = 1 is B's), as a strip from A to B. A and B "
                    + "are indices of held-out images (0-based). Returns the ComposerMix.",
            List.of(Usage.Option.of("steps", "K", "values of t, 2.." + ComposerMix.MAX_STEPS + " (default 7)"),
                    Usage.Option.of("data", "DIR", "image folder (default: the run's own)"),
                    Usage.Option.flag("train", "A and B index training images instead of held-out ones")));

    public MixMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        int steps = args.integer("steps", 7, 2);
        if (steps > ComposerMix.MAX_STEPS) {
            throw new UsageException("--steps must be at most " + ComposerMix.MAX_STEPS + ", got " + steps);
        }
        int a = index(args, 1, "A");
        int b = index(args, 2, "B");
        SessionRun r = session.run(args.positional(0));
        SignalBatch images = images(this, r, args, "composer mixes are rendered");
        for (int i : new int[] {a, b}) {
            if (i >= images.count()) {
                throw new UsageException((i == a ? "A" : "B") + " = " + i + " is out of range: run '"
                        + r.run().name() + "' has " + images.count() + " " + (args.has("train") ? "training"
                        : "held-out") + " images (0.." + (images.count() - 1) + ")");
            }
        }
        ComposerMix mix = ComposerMix.of(r.run(), images.slice(a, a + 1), images.slice(b, b + 1), steps);
        sink.display(Displays.image(ActivationGrids.mixStrip(mix), "composer mix of '" + r.run().name()
                + "' from image " + a + " to image " + b + " in " + steps + " steps of t"));
        return mix;
    }

    private static int index(MagicArgs args, int position, String name) throws UsageException {
        String word = args.positional(position);
        try {
            int i = Integer.parseInt(word.strip());
            if (i < 0) {
                throw new UsageException(name + " must be an image index >= 0, got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects an image index (a whole number >= 0), got '" + word + "'");
        }
    }

    /** The held-out (or with --train, training) images of an image run; audio runs are refused. */
    static SignalBatch images(GinrMagic magic, SessionRun r, MagicArgs args, String what) {
        if (SignalData.isAudio(r.run().spec())) {
            throw new IllegalArgumentException("run '" + r.run().name() + "' reconstructs audio; " + what
                    + " for image runs only");
        }
        return magic.shownSignals(r, args).signals();
    }
}
