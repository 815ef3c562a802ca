package dev.ginr.notebook.magic;

import dev.ginr.inr.GinrEngine;
import dev.ginr.notebook.display.DisplaySink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;

/** {@code %ginr_device auto|cpu|gpu[:N]}: the device that runs made from now on live on. */
public final class DeviceMagic extends GinrMagic {

    static final Usage USAGE = new Usage("%ginr_device", "auto|cpu|gpu[:N]", 0, 1,
            "Chooses the device for runs made from now on (auto = GPU 0 if the engine sees one, else the CPU). "
                    + "Without an argument, shows the current choice. Runs made earlier stay where they are.",
            List.of());

    public DeviceMagic(GinrSession session) {
        super(session, USAGE);
    }

    @Override
    protected Object run(MagicArgs args, String body, DisplaySink sink) throws UsageException {
        if (!args.positionals().isEmpty()) {
            String name = args.positional(0);
            try {
                GinrEngine.checkDeviceName(name);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            session.useDevice(name);
        }
        String text = "device: " + session.device() + " (chosen: " + session.deviceName() + ")";
        sink.display(new DisplayData(text));
        return session.device();
    }
}
