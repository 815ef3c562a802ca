package dev.ginr.notebook.magic;

import dev.ginr.inr.data.ImageFolder;
import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.Reconstruction;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;

import java.util.List;

/**
 * {@code %ginr_show RUN [--upsample K]}: a grid of held-out images with the run's reconstructions and error maps,
 * and with {@code --upsample K} the reconstructions rendered K times denser beside them.
 */
public final class ShowMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_show", "RUN", 1, 1,
            "Shows ground truth | reconstruction | error map for the first N held-out images (or training images "
                    + "with --train), and with --upsample K the reconstruction rendered at K times the resolution.",
            List.of(Usage.Option.of("upsample", "K", "also render at K times the resolution (K >= 1; default 1)"),
                    Usage.Option.of("images", "N", "how many images (default 4)"),
                    Usage.Option.of("data", "DIR", "image folder (default: the run's own)"),
                    Usage.Option.flag("train", "show training images instead of held-out ones")));

    public ShowMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        double upsample = args.number("upsample", 1, 1);
        int n = args.integer("images", 4, 1);
        SessionRun r = session.run(args.positional(0));
        ImageFolder.Split split = r.images(args.path("data", null), 0, session.defaultData());
        ImageFolder part = args.has("train") || split.test().files().isEmpty() ? split.train() : split.test();
        SignalBatch images = part.images().slice(0, Math.min(n, part.files().size()));
        Reconstruction rec = Reconstruction.of(r.run(), images, upsample);
        sink.display(Displays.reconstruction(rec));
        return rec;
    }
}
