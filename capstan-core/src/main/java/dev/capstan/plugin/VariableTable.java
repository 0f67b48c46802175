package dev.capstan.plugin;

import dev.capstan.config.Variable;

import java.util.List;
import java.util.Locale;

/** The catalog as a Markdown table (docs/variables.md is this text, checked by a test). */
public final class VariableTable {
    private VariableTable() {}

    public static String markdown(VariableCatalog catalog) {
        StringBuilder sb = new StringBuilder("| variable | declared by | type | default | what it is |\n| --- | --- | --- | --- | --- |\n");
        for (VariableCatalog.Entry e : catalog.entries()) {
            Variable v = e.variable();
            sb.append("| `").append(v.name()).append("` | ").append(e.owner()).append(v.required() ? " (required)" : "")
                    .append(" | ").append(type(v)).append(" | ").append(v.defaultValue() == null ? "" : "`" + shown(v.defaultValue()) + "`")
                    .append(" | ").append(v.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String type(Variable v) {
        String t = v.type().name().toLowerCase(Locale.ROOT);
        if (v.type() == Variable.Type.CHOICE) return String.join(" \\| ", v.choices());
        if (v.min() != null) return t + " ≥ " + v.min();
        return t;
    }

    private static String shown(Object value) {
        return value instanceof List<?> l && l.isEmpty() ? "[]" : String.valueOf(value);
    }
}
