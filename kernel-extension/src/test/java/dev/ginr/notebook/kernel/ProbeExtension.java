package dev.ginr.notebook.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * A test-only extension, listed in the test class path's META-INF/services: the protocol test checks that the
 * kernel installed it at start-up by calling its magic.
 */
public final class ProbeExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        kernel.getMagicsRegistry().registerLineMagic("ginr_probe", (k, args) -> {
            System.out.println("probe extension installed");
            return null;
        });
    }
}
