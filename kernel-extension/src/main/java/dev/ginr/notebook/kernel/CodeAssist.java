package dev.ginr.notebook.kernel;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tab completion and shift-tab inspection for a cell, on JShell's source analysis: names in scope (the default
 * imports bring the ginr-java, Tablesaw and XChart types), names declared earlier in the same cell, members after a
 * dot, magic names after {@code %}.
 */
final class CodeAssist {

    private static final Pattern MAGIC = Pattern.compile("^(%{1,2})([\\w-]*)$");

    private final JShell shell;

    CodeAssist(JShell shell) {
        this.shell = shell;
    }

    /** Completions at {@code cursor}, type-matching ones first; null when there are none. */
    ReplacementOptions complete(String code, int cursor, Set<String> lineMagics, Set<String> cellMagics) {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        Matcher m = MAGIC.matcher(code.substring(lineStart, cursor));
        if (m.find()) {
            Set<String> names = m.group(1).equals("%%") ? cellMagics : lineMagics;
            List<String> magics = names.stream().filter(n -> n.startsWith(m.group(2))).sorted()
                    .map(n -> m.group(1) + n).toList();
            return magics.isEmpty() ? null : new ReplacementOptions(magics, lineStart, cursor);
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int start = CellText.snippetStart(analysis, code, cursor);
        String current = code.substring(start, cursor);
        String earlier = earlierLocals(analysis, code.substring(0, start));
        ReplacementOptions options = earlier.isEmpty() ? null
                : suggest(analysis, earlier + current, start - earlier.length(), cursor);
        return options != null ? options : suggest(analysis, current, start, cursor);
    }

    /** JShell's completions of {@code input}, which ends at {@code cursor} and starts at cell offset {@code at}. */
    private static ReplacementOptions suggest(SourceCodeAnalysis analysis, String input, int at, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(input, input.length(), anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted(Comparator.comparing((SourceCodeAnalysis.Suggestion s) -> !s.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new ReplacementOptions(options, Math.max(at + anchor[0], 0), cursor);
    }

    /**
     * The snippets before the cursor's one in the same cell that may stand in a method body (variables, statements,
     * local classes), so that names declared there complete although the cell has not run yet. JShell completes a
     * statement as the body of a method; the leading empty block keeps it from taking a local class first for a
     * class member.
     */
    private static String earlierLocals(SourceCodeAnalysis analysis, String before) {
        StringBuilder locals = new StringBuilder();
        String remaining = before;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.source() == null) {
                break;
            }
            boolean local = analysis.sourceToSnippets(info.source()).stream().allMatch(sn ->
                    sn.kind() == Snippet.Kind.VAR || sn.kind() == Snippet.Kind.STATEMENT
                            || sn.kind() == Snippet.Kind.EXPRESSION || sn.kind() == Snippet.Kind.TYPE_DECL);
            if (local) {
                locals.append(info.source()).append('\n');
            }
            remaining = info.remaining();
        }
        return locals.length() == 0 ? "" : "{}\n" + locals;
    }

    /**
     * Signature and, where the sources are available, the Javadoc of the name at {@code cursor}; null when JShell
     * knows nothing about it. The cursor may sit anywhere in the name; a following '(' asks for the method.
     */
    DisplayData inspect(String code, int cursor) {
        int at = Math.min(cursor, code.length());
        while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) {
            at++;
        }
        int paren = at;
        while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) {
            paren++;
        }
        if (paren < code.length() && code.charAt(paren) == '(') {
            at = paren + 1;
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int start = CellText.snippetStart(analysis, code, at);
        List<SourceCodeAnalysis.Documentation> docs =
                analysis.documentation(code.substring(start, at), at - start, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        DisplayData data = new DisplayData(docs.stream().map(CodeAssist::plain)
                .collect(Collectors.joining("\n\n")));
        data.putHTML(docs.stream().map(CodeAssist::html).collect(Collectors.joining("<hr/>")));
        return data;
    }

    private static String plain(SourceCodeAnalysis.Documentation d) {
        return d.javadoc() == null || d.javadoc().isBlank() ? d.signature() : d.signature() + "\n" + d.javadoc();
    }

    private static String html(SourceCodeAnalysis.Documentation d) {
        String sig = "<code>" + escape(d.signature()) + "</code>";
        return d.javadoc() == null || d.javadoc().isBlank() ? sig
                : sig + "<pre>" + escape(d.javadoc()) + "</pre>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
