package dev.ginr.notebook.magic;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variables in a config cell's body, written as {@code ${NAME:-DEFAULT}} (the shell's form): the value
 * of {@code NAME} when it is set and not blank, else {@code DEFAULT}. A notebook stores its real budget as the
 * default and a test or script runs it at another budget by setting the variable, e.g.
 * {@code steps: ${GINR_QUICKSTART_STEPS:-600}}. A {@code ${...}} of another form is refused with a one-line message.
 */
public final class BudgetVariables {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern FORM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):-([^}]*)");

    private BudgetVariables() {}

    /** {@code text} with every {@code ${NAME:-DEFAULT}} replaced from the process environment. */
    public static String expand(String text) {
        return expand(text, System.getenv()::get);
    }

    /** {@code text} with every {@code ${NAME:-DEFAULT}} replaced from {@code environment}. */
    public static String expand(String text, Function<String, String> environment) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher f = FORM.matcher(m.group(1));
            if (!f.matches()) {
                throw new IllegalArgumentException("'" + m.group() + "' is not a variable with a default; write ${NAME:-DEFAULT}, "
                        + "e.g. ${GINR_QUICKSTART_STEPS:-600}");
            }
            String value = environment.apply(f.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isBlank() ? f.group(2)
                    : value.strip()));
        }
        return m.appendTail(out).toString();
    }
}
