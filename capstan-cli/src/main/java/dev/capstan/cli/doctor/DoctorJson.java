package dev.capstan.cli.doctor;

import dev.capstan.output.Json;
import dev.capstan.remote.Host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code doctor --format json}: one object with variables, unknown, servers, hosts (each with its checks) and ok. */
final class DoctorJson {
    private DoctorJson() {}

    static String render(Doctor.Findings f) {
        List<Object> vars = new ArrayList<>();
        for (VariableReport.Variable v : f.config().variables()) vars.add(map("name", v.name(), "value", v.value(), "origin", v.origin()));
        List<Object> unknown = new ArrayList<>();
        for (VariableReport.Unknown u : f.config().unknown()) unknown.add(map("name", u.name(), "origin", u.origin(), "nearest", u.nearest()));
        List<Object> servers = new ArrayList<>();
        for (VariableReport.ServerRow s : f.config().servers()) {
            servers.add(map("host", s.host(), "user", s.user(), "port", s.port(), "roles", s.roles(), "properties", s.properties()));
        }
        List<Object> hosts = new ArrayList<>();
        for (Map.Entry<Host, List<Check>> e : f.hosts().entrySet()) {
            List<Object> checks = new ArrayList<>();
            for (Check c : e.getValue()) {
                checks.add(map("name", c.name(), "status", c.status().name().toLowerCase(java.util.Locale.ROOT), "detail", c.detail(), "fix", c.fix()));
            }
            hosts.add(map("host", e.getKey().label(), "checks", checks));
        }
        return new Json().field("stage", f.stage()).field("variables", vars).field("unknown", unknown)
                .field("servers", servers).field("hosts", hosts).field("ok", !f.failed()).toString();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(String.valueOf(kv[i]), kv[i + 1]);
        return m;
    }
}
