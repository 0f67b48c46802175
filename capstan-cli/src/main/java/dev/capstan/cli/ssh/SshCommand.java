package dev.capstan.cli.ssh;

import dev.capstan.cli.Invocation;
import dev.capstan.cli.Main;
import dev.capstan.cli.RemoteSession;
import dev.capstan.config.HostFilters;
import dev.capstan.remote.Backend;
import dev.capstan.remote.Host;
import dev.capstan.remote.Shell;
import dev.capstan.remote.backend.ssh.SshBackend;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code capstan STAGE ssh [HOST]}: an interactive login (a pty) to one host with the stage's SSH options, jump host
 * and agent forwarding, in {@code current} if it exists (else {@code deploy_to}), as Deployer's {@code dep ssh} does.
 * Several matching hosts: a numbered list to pick from on a terminal, an error listing them otherwise.
 */
public final class SshCommand {
    private SshCommand() {}

    public static int run(Invocation call) throws IOException {
        String stage = call.config().fetchString("stage");
        List<Host> hosts = call.hosts();
        if (!call.words().isEmpty()) {
            HostFilters named = new HostFilters();
            named.hosts(call.words().get(0));
            hosts = named.apply(hosts);
        }
        if (hosts.isEmpty()) {
            call.err().println("capstan: no host of stage '" + stage + "' matches" + (call.words().isEmpty() ? "" : " '" + call.words().get(0) + "'")
                    + "; its hosts:");
            HostPicker.list(call.config().servers().all().stream().map(dev.capstan.config.Server::toHost).toList(), call.err());
            return Main.USAGE;
        }
        boolean terminal = System.console() != null;
        Host host = hosts.get(0);
        if (hosts.size() > 1) {
            if (!terminal) {
                call.err().println("capstan: " + hosts.size() + " hosts match; name one (`capstan " + stage + " ssh HOST`):");
                HostPicker.list(hosts, call.err());
                return Main.USAGE;
            }
            host = HostPicker.pick(hosts, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), call.out());
            if (host == null) return Main.USAGE;
        }
        String command = loginScript(call.config().fetch("deploy_to"));
        try (RemoteSession session = call.open(null)) {
            Backend backend = session.backendFor(host);
            if (!(backend instanceof SshBackend ssh)) {
                call.out().println((call.dryRun() ? "would log in to " : "not an SSH host: ") + host.label() + " and run: " + command);
                return call.dryRun() ? Main.OK : Main.USAGE;
            }
            return login(ssh, host, command, call);
        }
    }

    /** {@code cd} into the current release (or {@code deploy_to}), then the user's login shell. */
    static String loginScript(Object deployTo) {
        String shell = "exec \"${SHELL:-/bin/sh}\" -l";
        if (deployTo == null || String.valueOf(deployTo).isBlank()) return shell;
        String d = Shell.escapeKeepingTilde(String.valueOf(deployTo));
        return "cd " + d + "/current 2>/dev/null || cd " + d + " 2>/dev/null; " + shell;
    }

    private static int login(SshBackend ssh, Host host, String command, Invocation call) throws IOException {
        String type = call.env().getOrDefault("TERM", "xterm-256color");
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            Attributes saved = terminal.enterRawMode();
            try {
                return ssh.login(host, command, new JlineTerminal(terminal, type));
            } finally {
                terminal.setAttributes(saved);
                terminal.flush();
            }
        }
    }
}
