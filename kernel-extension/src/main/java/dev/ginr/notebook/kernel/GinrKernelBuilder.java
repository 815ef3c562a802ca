package dev.ginr.notebook.kernel;

import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

import java.util.List;
import java.util.Map;

/**
 * Builds a {@link GinrKernel}: a JShell whose snippets run in this JVM through a {@link CellExecutionControl}, with
 * the host class path (inr-lib, this module, Tablesaw, XChart, DJL) visible to its compiler.
 */
public final class GinrKernelBuilder extends BaseKernelBuilder<GinrKernelBuilder, GinrKernel> {

    /** How long an interrupted cell may take to stop by itself before its thread is stopped by force. */
    public static final long DEFAULT_INTERRUPT_GRACE_MILLIS = 2000;

    private String classPath = System.getProperty("java.class.path", "");
    private long interruptGraceMillis = DEFAULT_INTERRUPT_GRACE_MILLIS;

    GinrKernelBuilder() {
        name("ginr");
        version(KernelVersion.get());
    }

    /** The class path the cells compile against (default: this JVM's class path). */
    public GinrKernelBuilder classPath(String classPath) {
        this.classPath = classPath == null ? "" : classPath;
        return this;
    }

    /** Grace period between an interrupt and the forced stop of a cell that ignores it. */
    public GinrKernelBuilder interruptGraceMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("interrupt grace must be >= 0 ms, got " + millis);
        }
        this.interruptGraceMillis = millis;
        return this;
    }

    @Override
    public GinrKernel build() {
        CellExecutionControl control = new CellExecutionControl(interruptGraceMillis);
        JShell shell = JShell.builder()
                .executionEngine(CellExecutionControl.providing(control), Map.of())
                .build();
        if (!classPath.isBlank()) {
            shell.addToClasspath(classPath);
        }
        return new GinrKernel(buildName(), buildVersion(), languageInfo(), helpLinks(),
                new KernelIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", buildMagicTranspiler()), buildMagicsRegistry(),
                buildExtensionsEnabled(), buildErrorStyler(), shell, control);
    }

    /**
     * Java as Jupyter names it: language {@code java} (lower case, as the kernelspec and the pygments and CodeMirror
     * modes say) and files {@code .java}, so front ends highlight cells and name downloads as Java. (JJava and IJava
     * report {@code Java} and {@code .jshell}.)
     */
    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".java")
                .pygments("java")
                .codemirror("text/x-java")
                .exporter("script")
                .build();
    }

    private static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java SE API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                new HelpLink("DJL API", "https://javadoc.io/doc/ai.djl/api/latest/index.html"));
    }
}
