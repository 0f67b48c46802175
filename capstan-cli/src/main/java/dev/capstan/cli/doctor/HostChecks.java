package dev.capstan.cli.doctor;

import dev.capstan.remote.CommandFailedException;
import dev.capstan.remote.Remote;
import dev.capstan.remote.Shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks that run commands on a connected host: one probe command, then git ls-remote and sudo. */
final class HostChecks {
    private final DoctorSettings s;

    HostChecks(DoctorSettings settings) {
        this.s = settings;
    }

    List<Check> run(Remote r) {
        List<Check> out = new ArrayList<>();
        if (s.deployTo() == null || s.deployTo().isBlank()) {
            out.add(Check.fail("deploy_to", "deploy_to is not set", "set 'deploy_to', '/var/www/APP' in config/deploy.groovy (or set 'application')"));
        }
        long before = System.currentTimeMillis();
        HostProbe p = HostProbe.parse(r.capture(HostProbe.script(s.deployTo() == null ? "." : s.deployTo(), s.tools())));
        long localMs = (before + System.currentTimeMillis()) / 2;
        if (out.isEmpty()) out.add(deployTo(p));
        out.add(forwarding(r, p));
        out.add(repo(r, p));
        out.add(tools(p));
        out.add(sudo(r, p));
        out.add(disk(p));
        out.add(clock(p, localMs));
        return out;
    }

    private Check deployTo(HostProbe p) {
        String user = p.get("user");
        if (p.get("exists").equals("yes")) {
            return p.get("writable").equals("yes") ? Check.ok("deploy_to", s.deployTo() + " is writable")
                    : Check.fail("deploy_to", s.deployTo() + " is not writable by " + user,
                    "sudo chown -R " + user + " " + s.deployTo() + "  (or add " + user + " to its group and chmod g+w)");
        }
        return p.get("writable").equals("yes") ? Check.ok("deploy_to", s.deployTo() + " will be created (" + p.get("existing") + " is writable)")
                : Check.fail("deploy_to", s.deployTo() + " does not exist and " + p.get("existing") + " is not writable by " + user,
                "sudo mkdir -p " + s.deployTo() + " && sudo chown " + user + " " + s.deployTo());
    }

    private Check forwarding(Remote r, HostProbe p) {
        if (!s.forwardAgent(r.host())) return Check.skipped("forwarding", "forward_agent is off");
        return p.get("agent").isEmpty()
                ? Check.fail("forwarding", "no SSH_AUTH_SOCK on the host", "start an agent and ssh-add your key locally; the host's sshd needs AllowAgentForwarding yes")
                : Check.ok("forwarding", "SSH_AUTH_SOCK=" + p.get("agent"));
    }

    private Check repo(Remote r, HostProbe p) {
        if ("scm/artifact".equals(s.scm())) return artifact(r, p);
        if (s.repoUrl() == null || s.scm() == null || s.scm().equals("scm/none")) return Check.skipped("repo", "no repository");
        String tool = s.scm().substring(4);
        if (p.tool(tool).isEmpty()) return Check.skipped("repo", tool + " is not on the PATH");
        String cmd;
        if (tool.equals("git")) cmd = gitEnv() + "git ls-remote -h " + Shell.escape(s.repoUrl());
        else if (tool.equals("svn")) cmd = "svn info --non-interactive " + Shell.escape(s.repoUrl());
        else cmd = "hg identify " + Shell.escape(s.repoUrl());
        try {
            r.capture(Map.of("timeout", 60), cmd);
            return Check.ok("repo", s.repoUrl() + " answers");
        } catch (CommandFailedException e) {
            String why = firstParagraph(e.result().stderr(), "exit status " + e.result().exitStatus());
            return Check.fail("repo", s.repoUrl() + " is not reachable from the host: " + why,
                    "check repo_url; for ssh URLs enable forward_agent or install a deploy key on the host; for https a token");
        }
    }

    /** {@code use 'scm/artifact'}: the host can download the artifact (its first byte), as a deploy's download would. */
    private Check artifact(Remote r, HostProbe p) {
        ArtifactReach a = s.artifact();
        if (a == null || a.url() == null) {
            String why = a == null ? "no artifact_url" : a.problem();
            return a != null && a.failed() ? Check.fail("repo", why, "check artifact_url, artifact_sha256 and the credentials it needs")
                    : Check.skipped("repo", why);
        }
        if (p.tool("curl").isEmpty()) return Check.skipped("repo", "curl is not on the PATH (the deploy then pushes the artifact)");
        try {
            String status = r.capture(Map.of("timeout", 60), a.command()).strip();
            if (status.equals("200") || status.equals("206")) return Check.ok("repo", a.shown() + " answers");
            return Check.fail("repo", a.shown() + " answered HTTP " + status + " to the host",
                    status.equals("403") ? "a presigned URL that expired, or credentials the host cannot use" : "check artifact_url");
        } catch (CommandFailedException e) {
            return Check.fail("repo", a.shown() + " is not reachable from the host: " + firstParagraph(e.result().stderr(),
                    "exit status " + e.result().exitStatus()), "check the host's network and proxy settings");
        }
    }

    /** The first paragraph of an error output in one line (git's "Please make sure you have..." follows a blank line). */
    static String firstParagraph(String text, String fallback) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.strip().split("\n")) {
            if (line.isBlank()) break;
            sb.append(sb.length() == 0 ? "" : " ").append(line.strip());
        }
        return sb.length() == 0 ? fallback : sb.toString();
    }

    /** The deploy's git environment; ssh in batch mode unless the project chose its own, so nothing waits for a prompt. */
    private String gitEnv() {
        StringBuilder sb = new StringBuilder();
        java.util.Map<String, String> env = new java.util.TreeMap<>(s.gitEnv());
        env.putIfAbsent("GIT_TERMINAL_PROMPT", "0");
        if (!env.containsKey("GIT_SSH") && !env.containsKey("GIT_SSH_COMMAND")) env.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        env.forEach((k, v) -> sb.append(k).append('=').append(Shell.escape(v)).append(' '));
        return sb.toString();
    }

    private Check tools(HostProbe p) {
        List<String> missing = s.tools().stream().filter(t -> p.tool(t).isEmpty()).toList();
        String path = "PATH=" + p.get("path");
        if (missing.isEmpty()) return Check.ok("tools", s.tools().size() + " found; " + path);
        return Check.fail("tools", "not on the non-login PATH: " + String.join(", ", missing) + " (" + path + ")",
                "install " + String.join(" ", missing) + " on the host, or add its directory to PATH for non-login shells"
                        + " (set 'default_env', [path: '/opt/x/bin:$PATH']) or map it (set 'command_map', [name: '/full/path'])");
    }

    private Check sudo(Remote r, HostProbe p) {
        if (s.sudoUsers().isEmpty() && !s.sudo() && s.serviceSudo().isEmpty()) return Check.skipped("sudo", "no as/sudo in the project");
        if (p.tool("sudo").isEmpty()) {
            return Check.fail("sudo", "sudo is not on the PATH", "install sudo (apt-get install sudo), then allow the deploy user without a password (NOPASSWD in sudoers)");
        }
        List<String> refused = new ArrayList<>();
        if (s.sudo() && !r.test("sudo -n true")) refused.add("sudo -n true");
        for (String u : s.sudoUsers()) if (!r.test("sudo -n -u " + Shell.escape(u) + " true")) refused.add("sudo -n -u " + u + " true");
        List<String> services = new ArrayList<>();
        for (String c : s.serviceSudo()) if (!r.test("sudo -n -l " + c)) services.add(c);
        if (!services.isEmpty()) {
            // the minimal grant: exactly the commands the services run, in a drop-in file
            return Check.fail("sudo", "refused: " + String.join(", ", services), "add to /etc/sudoers.d/capstan (check with visudo -c): "
                    + String.join("; ", s.sudoers().apply(p.get("user"))));
        }
        if (refused.isEmpty()) return Check.ok("sudo", "works without a password");
        return Check.fail("sudo", "refused: " + String.join(", ", refused),
                "allow the deploy user in sudoers without a password, e.g. deploy ALL=(" + (s.sudoUsers().isEmpty() ? "ALL" : String.join(",", s.sudoUsers())) + ") NOPASSWD: ALL");
    }

    private Check disk(HostProbe p) {
        long kb;
        try {
            kb = Long.parseLong(p.get("free_kb"));
        } catch (NumberFormatException e) {
            return Check.warn("disk", "df gave no answer for " + p.get("existing"), "check that df works on the host");
        }
        String free = String.format("%.1f GB free under %s", kb / 1048576.0, p.get("existing"));
        return kb / 1024 >= s.minFreeMb() ? Check.ok("disk", free)
                : Check.fail("disk", free + " (less than " + s.minFreeMb() + " MB)", "free space (capstan deploy:cleanup, lower keep_releases) or set doctor_min_free_mb");
    }

    private Check clock(HostProbe p, long localMs) {
        long remoteMs;
        try {
            remoteMs = Long.parseLong(p.get("epoch_ms"));
        } catch (NumberFormatException e) {
            return Check.warn("clock", "date +%s gave no answer", "check that date works on the host");
        }
        long skew = Math.round((remoteMs - localMs) / 1000.0);
        String detail = (skew >= 0 ? "+" : "") + skew + " s";
        return Math.abs(skew) <= s.maxClockSkewSeconds() ? Check.ok("clock", detail)
                : Check.fail("clock", detail + " from this machine", "enable time sync on the host (timedatectl set-ntp true, or chrony)");
    }
}
