package dev.capstan.cli.doctor;

import dev.capstan.remote.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Doctor's findings as text: variables, unknown names, servers, then a hosts × checks table and the fixes. */
final class DoctorText {
    private DoctorText() {}

    static List<String> render(Doctor.Findings f, boolean unicode) {
        List<String> out = new ArrayList<>();
        out.add("Variables" + (f.stage() == null ? "" : " (stage " + f.stage() + ")"));
        int w = f.config().variables().stream().mapToInt(v -> v.name().length()).max().orElse(0);
        for (VariableReport.Variable v : f.config().variables()) {
            out.add("  " + pad(v.name(), w) + "  " + v.value() + (v.origin() == null ? "" : "    (" + v.origin() + ")"));
        }
        if (!f.config().unknown().isEmpty()) {
            out.add("");
            out.add("Unknown variables (no plugin, task or Capstan setting reads them)");
            for (VariableReport.Unknown u : f.config().unknown()) {
                out.add("  " + u.name() + " (" + u.origin() + ")" + (u.nearest() == null ? "" : ": did you mean " + u.nearest() + "?"));
            }
        }
        out.add("");
        out.add("Servers");
        if (f.config().servers().isEmpty()) out.add("  (none)");
        for (VariableReport.ServerRow s : f.config().servers()) {
            out.add("  " + (s.user() == null ? "" : s.user() + "@") + s.host() + (s.port() == null ? "" : ":" + s.port())
                    + "  roles: " + (s.roles().isEmpty() ? "(none)" : String.join(", ", s.roles()))
                    + (s.properties().isEmpty() ? "" : "  " + s.properties()));
        }
        if (f.hosts().isEmpty()) {
            if (f.stage() == null) out.add("\nGive a stage to check its hosts: capstan STAGE doctor");
            return out;
        }
        out.add("");
        table(f.hosts(), unicode, out);
        problems(f.hosts(), unicode, out);
        out.add("");
        out.add(f.failed() ? "Some checks failed." : "All checks passed.");
        return out;
    }

    private static void table(Map<Host, List<Check>> hosts, boolean unicode, List<String> out) {
        int hw = Math.max(4, hosts.keySet().stream().mapToInt(h -> h.label().length()).max().orElse(4));
        StringBuilder head = new StringBuilder(pad("host", hw));
        for (String c : DoctorSettings.COLUMNS) head.append("  ").append(c);
        out.add(head.toString());
        for (Map.Entry<Host, List<Check>> e : hosts.entrySet()) {
            StringBuilder row = new StringBuilder(pad(e.getKey().label(), hw));
            for (String c : DoctorSettings.COLUMNS) {
                Check check = e.getValue().stream().filter(x -> x.name().equals(c)).findFirst().orElse(null);
                row.append("  ").append(pad(check == null ? "-" : check.status().symbol(unicode), c.length()));
            }
            out.add(row.toString().stripTrailing());
        }
    }

    private static void problems(Map<Host, List<Check>> hosts, boolean unicode, List<String> out) {
        for (Map.Entry<Host, List<Check>> e : hosts.entrySet()) {
            out.add("");
            out.add(e.getKey().label());
            for (Check c : e.getValue()) {
                out.add("  " + c.status().symbol(unicode) + " " + c.name() + ": " + c.detail());
                if (c.fix() != null && c.status() != Check.Status.OK) {
                    for (String line : c.fix().split("\n")) out.add("      fix: " + line);
                }
            }
        }
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
