package dev.capstan.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the whole machine's CPU went during one run, by program: {@code perf record -a} around the run, then
 * each sample counted as the tool itself (its process id) or by the command name of whatever else ran — the
 * hosts' sshd, their OpenSSH client connecting to the git host, git, tar, shells. On a fleet that shares this
 * machine's cores, that split says how much of a run's time the tool can still win back.
 */
final class CpuProfile {
    static final int HZ = 499;

    /** Core-seconds per part, in a fixed order: the tool, then the host-side programs (idle cores are not counted). */
    record Split(Map<String, Double> coreSeconds) {}

    private CpuProfile() {}

    static boolean available() {
        try {
            return Shell.run(null, Map.of(), 20, List.of("perf", "record", "-a", "-F", "99", "-o", "/dev/null", "--", "true")).status() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Split run(Path dir, Map<String, String> env, List<String> cmd) throws Exception {
        Path data = Files.createTempFile("capstan-perf", ".data");
        Path pidFile = Files.createTempFile("capstan-perf", ".pid");
        try {
            List<String> perf = new ArrayList<>(List.of("perf", "record", "-q", "-a", "-F", String.valueOf(HZ), "-o", data.toString(), "--",
                    "sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile.toString()));
            perf.addAll(cmd);
            Shell.Result r = Shell.run(dir, env, 600, perf);
            if (r.status() != 0) throw new IllegalStateException("perf run failed: " + r.out());
            String toolPid = Files.readString(pidFile).strip();
            Shell.Result script = Shell.run(null, Map.of(), 120, List.of("perf", "script", "-i", data.toString(), "-F", "pid,comm"));
            Map<String, Double> parts = new LinkedHashMap<>();
            for (String part : List.of("the tool itself", "hosts: sshd", "hosts: ssh client to the git host", "hosts: git", "hosts: tar, gzip",
                    "hosts: shells and small commands", "other")) parts.put(part, 0.0);
            for (String line : script.out().lines().toList()) {
                String t = line.strip();
                int space = t.lastIndexOf(' ');
                if (space < 0) continue;
                // "COMM PID": the command name may itself contain spaces
                String comm = t.substring(0, space).strip();
                String pid = t.substring(space + 1);
                // idle cores: perf does not sample them evenly, and the benchmark's busy column already says it
                if (comm.equals("swapper")) continue;
                parts.merge(pid.equals(toolPid) ? "the tool itself" : part(comm), 1.0 / HZ, Double::sum);
            }
            return new Split(parts);
        } finally {
            Files.deleteIfExists(data);
            Files.deleteIfExists(pidFile);
        }
    }

    private static String part(String comm) {
        if (comm.equals("sshd")) return "hosts: sshd";
        if (comm.equals("ssh")) return "hosts: ssh client to the git host";
        if (comm.startsWith("git")) return "hosts: git";
        if (comm.equals("tar") || comm.equals("gzip")) return "hosts: tar, gzip";
        if (List.of("sh", "bash", "dash", "env", "mkdir", "rm", "ln", "mv", "cat", "grep", "readlink", "basename", "test", "touch",
                "printf", "ls", "cp", "chmod", "date", "sleep").contains(comm)) return "hosts: shells and small commands";
        return "other";
    }
}
