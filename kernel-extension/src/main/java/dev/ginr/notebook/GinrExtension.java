package dev.ginr.notebook;

import dev.ginr.notebook.display.Renderers;
import dev.ginr.notebook.display.TrainingDisplay;
import dev.ginr.notebook.kernel.DefaultImports;
import dev.ginr.notebook.kernel.GinrKernel;
import dev.ginr.notebook.magic.AblationMagic;
import dev.ginr.notebook.magic.ActivationsMagic;
import dev.ginr.notebook.magic.CompareMagic;
import dev.ginr.notebook.magic.ConfigMagic;
import dev.ginr.notebook.magic.DeviceMagic;
import dev.ginr.notebook.magic.EvalMagic;
import dev.ginr.notebook.magic.GinrSession;
import dev.ginr.notebook.magic.InfoMagic;
import dev.ginr.notebook.magic.MixMagic;
import dev.ginr.notebook.magic.ShowMagic;
import dev.ginr.notebook.magic.TableMagic;
import dev.ginr.notebook.magic.TrainMagic;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * The ginr notebook extension for JJava-style kernels (JJava itself and the ginr kernel): the {@code %ginr*} magics
 * and the renderers for tables, charts, images, reconstructions, runs and ablations.
 *
 * <p>Listed in {@code META-INF/services/org.dflib.jjava.jupyter.Extension}. JJava constructs extensions again on
 * every class path addition, so the constructor does nothing; {@link #install} only registers (no engine start, no
 * native library, no file access), makes the ginr kernel's default imports in other kernels (JJava), and never
 * throws: an extension that throws while loading would break every later class path addition of the kernel.
 */
public final class GinrExtension implements Extension {

    public GinrExtension() {
    }

    @Override
    public void install(BaseKernel kernel) {
        try {
            GinrSession session = GinrSession.get();
            long redraw = TrainingDisplay.DEFAULT_TICK_MILLIS;
            MagicsRegistry magics = kernel.getMagicsRegistry();
            magics.registerLineMagic("ginr", new InfoMagic(session));
            magics.registerLineMagic("ginr_device", new DeviceMagic(session));
            magics.registerCellMagic("ginr_config", new ConfigMagic(session));
            magics.registerLineMagic("ginr_train", new TrainMagic(session, redraw));
            magics.registerLineMagic("ginr_eval", new EvalMagic(session));
            magics.registerLineMagic("ginr_table", new TableMagic(session));
            magics.registerLineMagic("ginr_ablation", new AblationMagic(session, redraw));
            magics.registerLineMagic("ginr_show", new ShowMagic(session));
            magics.registerLineMagic("ginr_compare", new CompareMagic(session));
            magics.registerLineMagic("ginr_activations", new ActivationsMagic(session));
            magics.registerLineMagic("ginr_mix", new MixMagic(session));

            Renderer renderer = kernel.getRenderer();
            Renderers.tables(renderer);
            Renderers.charts(renderer);
            Renderers.imageBatches(renderer);
            Renderers.pictures(renderer);
            Renderers.reconstructions(renderer);
            Renderers.scenes(renderer);
            Renderers.runs(renderer);
            Renderers.ablations(renderer);

            if (!(kernel instanceof GinrKernel)) {
                importDefaults(kernel);
            }
        } catch (Throwable e) { // never break the kernel's extension loading
            System.err.println("ginr extension: not installed (" + e + ")");
        }
    }

    /**
     * In JJava: the ginr kernel's default imports, made through the kernel's own evaluation (as JJava's own notebook
     * initializer makes its imports), so that a notebook written for the ginr kernel runs unchanged. The ginr kernel
     * makes them itself at start-up. A failure is reported with the list to import by hand, and loses nothing else.
     */
    private static void importDefaults(BaseKernel kernel) {
        try {
            kernel.eval(DefaultImports.source());
        } catch (RuntimeException e) {
            System.err.println("ginr extension: the default imports could not be made (" + e.getMessage()
                    + "); run them yourself:\n" + DefaultImports.source());
        }
    }
}
