package dev.ginr.inr.cli;

import ai.djl.Device;
import dev.ginr.inr.GinrEngine;
import picocli.CommandLine.Option;

/**
 * {@code --device auto|cpu|gpu[:N]} of the commands that compute: where the model's parameters, optimiser state and
 * every tensor of its steps live. Resolved before any data is read, so that a device this machine cannot give fails
 * at once with one line ({@link GinrEngine#device}).
 */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu[:N]",
            description = "where to compute: auto (GPU 0 if the engine sees one, else the CPU), cpu, gpu or gpu:N "
                    + "(default auto)")
    String name;

    /** The device asked for, checked against the engine. */
    Device resolve() {
        return GinrEngine.device(name);
    }
}
