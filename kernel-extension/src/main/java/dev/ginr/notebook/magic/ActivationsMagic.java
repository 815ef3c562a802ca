package dev.ginr.notebook.magic;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.experiment.ActivationMaps;
import dev.ginr.notebook.display.ActivationGrids;
import dev.ginr.notebook.display.DisplaySink;
import dev.ginr.notebook.display.Displays;

import java.util.List;
import java.util.Locale;

/**
 * {@code %ginr_activations RUN [--layer L] [--images N] [--units U]}: for N held-out images, every hyponet layer's
 * unit activation maps over the coordinate grid (a grid per layer: a row per image, a column per unit), and a table
 * of each layer's across-instance share of the activation variance ({@link ActivationMaps}): 0 for the shared
 * layers before the modulated one, above 0 from the modulated layer on.
 */
public final class ActivationsMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_activations", "RUN", 1, 1,
            "Shows, for N held-out images, each hyponet layer's unit activation maps over the coordinate grid (one "
                    + "grid per layer: a row per image, a column per unit, the U units of largest variance) and a "
                    + "table of the share of each layer's activation variance that lies across images (0 = the "
                    + "layer is shared by every image). Returns the ActivationMaps.",
            List.of(Usage.Option.of("layer", "L", "show only layer L (0-based; the table keeps every layer)"),
                    Usage.Option.of("images", "N", "how many held-out images (N >= 2, default 4)"),
                    Usage.Option.of("units", "U", "units shown per layer (default 8)"),
                    Usage.Option.of("data", "DIR", "image folder (default: the run's own)"),
                    Usage.Option.flag("train", "use training images instead of held-out ones")));

    public ActivationsMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        int n = args.integer("images", 4, 2);
        int units = args.integer("units", 8, 1);
        int layer = args.has("layer") ? args.integer("layer", 0, Integer.MIN_VALUE) : -1;
        SessionRun r = session.run(args.positional(0));
        int layers = r.run().spec().hyponet().nLayer();
        if (args.has("layer") && (layer < 0 || layer >= layers)) {
            throw new UsageException("--layer " + layer + " is out of range: the hyponet of run '" + r.run().name()
                    + "' has layers 0.." + (layers - 1));
        }
        SignalBatch images = MixMagic.images(this, r, args, "activation maps are drawn");
        if (images.count() < 2) {
            throw new UsageException("activation maps compare images: the folder has only " + images.count());
        }
        images = images.slice(0, Math.min(n, images.count()));
        ActivationMaps maps = ActivationMaps.of(r.run(), images);
        sink.display(Displays.table(maps.table()));
        for (ActivationMaps.Layer l : maps.layers()) {
            if (layer < 0 || l.index() == layer) {
                sink.display(Displays.image(ActivationGrids.layer(l, images, units, maps.grid()), String.format(
                        Locale.ROOT, "activation maps of layer %d of '%s' (%s) for %d images: across-instance "
                                + "share %.3f", l.index(), maps.run(), l.role(), l.instances(),
                        l.acrossInstanceShare())));
            }
        }
        return maps;
    }
}
