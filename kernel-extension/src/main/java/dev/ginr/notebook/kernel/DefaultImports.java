package dev.ginr.notebook.kernel;

import java.util.List;

/**
 * The imports every notebook starts with, so that a cell can say {@code ModulatedMlp}, {@code Table} or
 * {@code XYChart} without ceremony, and use the notebook helpers ({@code display}, {@code render},
 * {@code updateDisplay}, {@code printf}) as plain calls.
 *
 * <p>Packages are imported on demand; the few that would clash ({@code java.awt.*} brings a {@code List}) are
 * imported by single type instead. The extension makes the same imports in JJava (see {@code GinrExtension}).
 */
public final class DefaultImports {

    private DefaultImports() {}

    static final List<String> IMPORTS = List.of(
            "java.util.*",
            "java.util.function.*",
            "java.util.stream.*",
            "java.nio.file.*",
            "java.io.*",
            "java.awt.image.BufferedImage",
            "ai.djl.Device",
            "ai.djl.ndarray.*",
            "ai.djl.ndarray.types.*",
            "dev.ginr.inr.*",
            "dev.ginr.inr.config.*",
            "dev.ginr.inr.data.*",
            "dev.ginr.inr.model.*",
            "dev.ginr.inr.nn.*",
            "dev.ginr.inr.train.*",
            "dev.ginr.inr.experiment.*",
            "dev.ginr.notebook.display.*",
            "tech.tablesaw.api.*",
            "org.knowm.xchart.*");

    static final List<String> STATIC_IMPORTS = List.of(
            "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*",
            "dev.ginr.notebook.display.NotebookOutput.*");

    /** The import declarations as one JShell input (one declaration per line). */
    public static String source() {
        StringBuilder s = new StringBuilder();
        IMPORTS.forEach(i -> s.append("import ").append(i).append(";\n"));
        STATIC_IMPORTS.forEach(i -> s.append("import static ").append(i).append(";\n"));
        return s.toString();
    }
}
