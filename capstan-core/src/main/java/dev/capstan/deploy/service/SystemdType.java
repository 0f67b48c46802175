package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;

import java.util.List;

/**
 * A systemd unit: {@code systemctl restart UNIT} (or {@code reload} with {@code reload: true}; a notify unit makes
 * restart wait for READY=1), then {@code is-active}, then the health check. With {@code sudo: true} each command runs
 * as {@code sudo -n /usr/bin/systemctl VERB UNIT}, exactly the line {@link #sudoers} grants, so nothing broader is needed.
 */
final class SystemdType implements ServiceType {
    @Override
    public String start(ServiceTarget t) { return verb(t, "start") + " || exit 1\n" + active(t) + "\ncapstan_verify || exit 1"; }

    @Override
    public String stop(ServiceTarget t) { return verb(t, "stop") + " || exit 1"; }

    @Override
    public String restart(ServiceTarget t) {
        String v = t.spec().flag("reload") ? "reload" : "restart";
        return "old=$(" + systemctl(t) + " show -p MainPID --value " + unit(t.spec()) + ")\n"
                + verb(t, v) + " || exit 1\n" + active(t) + "\n"
                + (v.equals("restart") ? "new=$(" + systemctl(t) + " show -p MainPID --value " + unit(t.spec()) + "); [ \"$new\" != \"$old\" ] || { echo \""
                    + unit(t.spec()) + " kept pid $old: not restarted\" >&2; exit 1; }\n" : "")
                + "capstan_verify || exit 1";
    }

    @Override
    public String status(ServiceTarget t) {
        String u = unit(t.spec());
        return "if " + systemctl(t) + " is-active --quiet " + u + "; then p=$(" + systemctl(t) + " show -p MainPID --value " + u + "); "
                + "echo \"service running $p $(basename \"$(readlink /proc/$p/cwd 2>/dev/null)\")\"; else echo 'service stopped'; fi";
    }

    @Override
    public void check(ServiceSpec spec, String at) {
        if (spec.option("unit", null) == null) throw new ConfigException(at + "service '" + spec.name() + "': systemd needs unit: 'NAME'");
    }

    /** The exact commands this service runs through sudo (none without {@code sudo: true}). */
    static List<String> sudoCommands(ServiceSpec spec) {
        if (!spec.flag("sudo")) return List.of();
        String s = spec.option("systemctl", "/usr/bin/systemctl");
        List<String> verbs = spec.flag("reload") ? List.of("start", "stop", "reload") : List.of("start", "stop", "restart");
        return verbs.stream().map(v -> s + " " + v + " " + unit(spec)).toList();
    }

    /** The sudoers line granting exactly those commands (empty without {@code sudo: true}). */
    static List<String> sudoers(ServiceSpec spec, String user) {
        List<String> commands = sudoCommands(spec);
        return commands.isEmpty() ? List.of() : List.of(user + " ALL=(root) NOPASSWD: " + String.join(", ", commands));
    }

    /** The unit name with its suffix: sudoers matches the command exactly. */
    static String unit(ServiceSpec spec) {
        String u = spec.option("unit", spec.name());
        return u.contains(".") ? u : u + ".service";
    }

    private static String verb(ServiceTarget t, String verb) {
        return (t.spec().flag("sudo") ? "sudo -n " : "") + systemctl(t) + " " + verb + " " + unit(t.spec());
    }

    private static String active(ServiceTarget t) {
        return systemctl(t) + " is-active --quiet " + unit(t.spec()) + " || { echo \"" + unit(t.spec()) + " is not active\" >&2; exit 1; }";
    }

    private static String systemctl(ServiceTarget t) { return t.spec().option("systemctl", "/usr/bin/systemctl"); }
}
