package dev.ginr.notebook.display;

import dev.ginr.inr.data.SignalBatch;
import dev.ginr.inr.data.audio.AudioClipFolder;
import dev.ginr.inr.experiment.AblationResult;
import dev.ginr.inr.experiment.ExperimentRun;
import dev.ginr.inr.experiment.PaperResults;
import dev.ginr.inr.experiment.PsnrTable;
import dev.ginr.inr.experiment.Reconstruction;
import dev.ginr.inr.experiment.SceneData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * The display renderers, one method per kind of value, each a thin shell over {@link Displays}. Every value keeps a
 * text/plain form; charts come as image/png at 2x pixel density, and as SVG when asked for
 * ({@code display(chart, "image/svg+xml")}).
 */
public final class Renderers {

    private Renderers() {}

    /** Tablesaw tables (and PsnrTables): escaped HTML, numbers formatted (PSNR to 2 decimals). */
    public static void tables(Renderer r) {
        r.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((t, ctx) -> ctx.getOutputContainer().assign(Displays.table(t)));
        r.createRegistration(PsnrTable.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((t, ctx) -> ctx.getOutputContainer().assign(Displays.table(t.table())));
    }

    /** XChart charts (each public chart class): image/png at 2x; image/svg+xml on request. */
    public static void charts(Renderer r) {
        ChartImages.CHART_TYPES.forEach(type -> chartsOf(r, type));
    }

    private static <T> void chartsOf(Renderer r, Class<T> type) {
        r.createRegistration(type).preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN).register(Renderers::chart);
    }

    /** Pictures made for the notebook ({@link Picture}): image/png with their description as text. */
    public static void pictures(Renderer r) {
        r.createRegistration(Picture.class).preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.TEXT_PLAIN)
                .register((p, ctx) -> ctx.getOutputContainer().assign(Displays.image(p.image(), p.description())));
    }

    /** Batches of square RGB images: side by side. */
    public static void imageBatches(Renderer r) {
        r.createRegistration(SignalBatch.class).preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.TEXT_PLAIN)
                .register((b, ctx) -> {
                    if (b.grid().length == 2 && b.channels() == 3) {
                        ctx.getOutputContainer().assign(Displays.image(ImageGrids.strip(b), b.count() + " images "
                                + b.grid()[0] + "x" + b.grid()[1]));
                    } else {
                        ctx.getOutputContainer().putText(b.count() + " signals on a grid of "
                                + java.util.Arrays.toString(b.grid()) + " x " + b.channels());
                    }
                });
    }

    /** Multi-view scenes: the support and query views of the first four held-out scenes. */
    public static void scenes(Renderer r) {
        r.createRegistration(SceneData.class).preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.TEXT_PLAIN)
                .register((d, ctx) -> ctx.getOutputContainer().assign(SceneGrids.heldOutViews(d, 4)));
    }

    /**
     * Reconstructions: ground truth | reconstruction | error map (| upsampled), PSNR per image; audio clips (a 1-D
     * grid) as players, spectrograms and waveforms ({@link AudioDisplays}), taken to be at the paper's 16 kHz.
     */
    public static void reconstructions(Renderer r) {
        r.createRegistration(Reconstruction.class).preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((rec, ctx) -> ctx.getOutputContainer().assign(rec.truth().grid().length == 1
                        ? AudioDisplays.reconstruction(rec, AudioClipFolder.SAMPLE_RATE) : Displays.reconstruction(rec)));
    }

    /** Runs: their summary (how training ended, PSNRs, checkpoint, curve). */
    public static void runs(Renderer r) {
        r.createRegistration(ExperimentRun.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((run, ctx) -> ctx.getOutputContainer().assign(RunSummary.render(run, "")));
    }

    /** Layer-location ablations: the table beside the paper's Table 7 (ImageNette row) with the bar chart. */
    public static void ablations(Renderer r) {
        r.createRegistration(AblationResult.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((a, ctx) -> {
                    PaperResults.Dataset paper = PaperResults.Dataset.IMAGENETTE;
                    Table t = a.table(paper);
                    var chart = AblationChart.of(a, paper);
                    ctx.getOutputContainer().putText(TableView.text(t));
                    ctx.getOutputContainer().putHTML(TableView.html(t) + PngImages.imgTag(
                            ChartImages.png(chart, ChartImages.SCALE), chart.getWidth(), chart.getHeight(),
                            "layer-location chart"));
                });
    }

    private static void chart(Object chart, RenderContext ctx) {
        ctx.renderIfRequested(MIMEType.IMAGE_PNG, (type, out) -> PngImages.put(out,
                ChartImages.png(chart, ChartImages.SCALE), ChartImages.SCALE));
        ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> ChartImages.svg(chart));
        ctx.getOutputContainer().putText(ChartImages.describe(chart));
    }
}
