package dev.capstan.cli.doctor;

import dev.capstan.remote.Shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command that reads everything doctor needs from a host in a single round trip, as {@code key=value}
 * lines: the non-login shell's PATH, where each tool is, whether {@code deploy_to} (or the directory that
 * would hold it) is writable (the seed's {@code check_write_permissions}), {@code SSH_AUTH_SOCK} (its
 * {@code forwarding} check), free space and the host's clock.
 */
record HostProbe(Map<String, String> values) {
    static String script(String deployTo, List<String> tools) {
        StringBuilder sb = new StringBuilder();
        sb.append("echo \"path=$PATH\"; ");
        for (String t : tools) {
            String q = Shell.escape(t);
            sb.append("printf '%s=%s\\n' ").append(Shell.escape("tool:" + t)).append(" \"$(command -v ").append(q).append(" 2>/dev/null)\"; ");
        }
        sb.append("d=").append(Shell.escapeKeepingTilde(deployTo)).append("; e=\"$d\"; n=0; ")
                .append("while [ ! -e \"$e\" ] && [ $n -lt 64 ]; do e=$(dirname \"$e\"); n=$((n+1)); done; ")
                .append("echo \"existing=$e\"; ")
                .append("if [ -e \"$d\" ]; then echo exists=yes; else echo exists=no; fi; ")
                .append("if [ -w \"$e\" ]; then echo writable=yes; else echo writable=no; fi; ")
                .append("if [ -n \"$SSH_AUTH_SOCK\" ] && [ -S \"$SSH_AUTH_SOCK\" ]; then echo \"agent=$SSH_AUTH_SOCK\"; else echo \"agent=\"; fi; ")
                .append("echo \"free_kb=$(df -Pk \"$e\" 2>/dev/null | awk 'NR==2 {print $4}')\"; ")
                .append("echo \"user=$(id -un 2>/dev/null)\"; ")
                .append("echo \"epoch_ms=$(date +%s)500\"");
        return sb.toString();
    }

    static HostProbe parse(String output) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        return new HostProbe(m);
    }

    String get(String key) { return values.getOrDefault(key, ""); }

    /** Where the tool is on the PATH, or empty when it is not there. */
    String tool(String name) { return get("tool:" + name); }
}
