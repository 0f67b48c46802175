package dev.capstan.cli.ssh;

import dev.capstan.remote.Host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** Chooses the one host {@code capstan ssh} logs in to when several match: a numbered list to pick from. */
final class HostPicker {
    private HostPicker() {}

    /** The list as shown, one numbered line per host with its roles and where it connects. */
    static void list(List<Host> hosts, PrintStream out) {
        for (int i = 0; i < hosts.size(); i++) {
            Host h = hosts.get(i);
            out.println(String.format("%3d) %-20s %-16s %s", i + 1, h.getHostname(), String.join(",", h.getRoles()), h.label()));
        }
    }

    /** Asks until a number in range (or a host's name) is given; null at end of input. */
    static Host pick(List<Host> hosts, BufferedReader in, PrintStream out) throws IOException {
        list(hosts, out);
        while (true) {
            out.print("Host [1-" + hosts.size() + "]: ");
            out.flush();
            String answer = in.readLine();
            if (answer == null) return null;
            Host chosen = chosen(hosts, answer.strip());
            if (chosen != null) return chosen;
            out.println("'" + answer.strip() + "' is not one of them; give its number or name");
        }
    }

    static Host chosen(List<Host> hosts, String answer) {
        for (Host h : hosts) if (h.getHostname().equals(answer)) return h;
        try {
            int n = Integer.parseInt(answer);
            return n >= 1 && n <= hosts.size() ? hosts.get(n - 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
