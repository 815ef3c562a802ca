package dev.ginr.notebook.kernel;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * Whether a snippet is well-formed Java, by parsing it (no type checking) in each place a JShell snippet can stand:
 * a class member (field, method, class), a method body (statements, local declarations), an expression, an import.
 * JShell's own completeness analysis calls {@code int 1x = 2;} complete; a front end asking is_complete should hear
 * {@code invalid}, while {@code undefinedName + 1} is well-formed (it fails later, when compiled against the
 * session).
 */
final class SyntaxCheck {

    private static final List<String[]> WRAPS = List.of(
            new String[] {"class $W {\n", "\n}"},
            new String[] {"class $W { void $m() {\n", "\n} }"},
            new String[] {"class $W { Object $m() { return (\n", "\n); } }"},
            new String[] {"", "\nclass $W { }"});

    private SyntaxCheck() {}

    /** True when {@code snippet} parses in at least one of the places a snippet can stand. */
    static boolean wellFormed(String snippet) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return true; // no compiler to ask (a JRE): do not call anything invalid
        }
        for (String[] wrap : WRAPS) {
            if (parses(javac, wrap[0] + snippet + wrap[1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean parses(JavaCompiler javac, String source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try {
            var task = (com.sun.source.util.JavacTask) javac.getTask(new StringWriter(), null, diagnostics,
                    List.of("-proc:none"), null, List.of(file));
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR);
    }
}
