package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bench/compare.sh: the same repository deployed to the same real sshd hosts by Capistrano 3.17 and by Capstan,
 * alternately (fresh, update, rollback at 1, 10 and 30 hosts, and 10 hosts 20 ms away), every host verified after every run. Prints medians,
 * ratios, peak RSS, SSH connections and command channels per host counted from sshd's own logs, and how busy the
 * machine's CPU was (hosts and tools share it).
 * Runs only with -Dcapstan.bench=true; writes bench/RESULTS.md.
 */
class CompareBench {
    private static final int REPS = Integer.getInteger("capstan.bench.reps", 3);

    record Row(String scenario, String fleet, double cap, double capstan, long capKb, long capstanKb, double capSessions,
               double capstanSessions, double capConnections, double capstanConnections, double capBusy, double capstanBusy,
               double capCpu, double capstanCpu) {}

    @Test
    void compare() throws Exception {
        assumeTrue(Boolean.getBoolean("capstan.bench"), "run with bench/compare.sh");
        assumeTrue(Fleet.available() && Files.isExecutable(Path.of("/usr/bin/cap")));
        List<Row> rows = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        // fleets as HOSTS or HOSTS@RTT_MS (added round trip through the latency shim), e.g. 1,10,30,10@20
        for (String spec : System.getProperty("capstan.bench.fleets", "1,10,30,10@20").split(",")) {
            String[] parts = spec.strip().split("@");
            int n = Integer.parseInt(parts[0]);
            int rtt = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            try (Fleet fleet = Fleet.start(n, rtt)) {
                makeRepository(fleet);
                rows.addAll(measure(fleet, n, rtt == 0 ? String.valueOf(n) : n + ", +" + rtt + " ms RTT"));
                if (n == 1 && rtt == 0) notes.append(tasks(fleet)).append(profile(fleet));
                if (n >= 10 && rtt == 0 && CpuProfile.available()) {
                    try {
                        notes.append(cpuSplit(fleet, n));
                    } catch (Exception | AssertionError e) {
                        notes.append("\nCPU split of ").append(n).append(" hosts failed: ").append(e).append('\n');
                    }
                }
            }
        }
        String table = render(rows);
        System.out.println(table);
        System.out.println(notes);
        Path results = Projects.REPO_ROOT.resolve("bench/RESULTS.md");
        Files.writeString(results, "# Capstan vs Capistrano 3.17: measured " + LocalDate.now() + "\n\n"
                + "Machine: " + Shell.ok("uname", "-srm").trim() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; real OpenSSH sshd hosts on loopback "
                + "(bench/compare.sh, " + REPS + " repetitions, medians; every host verified after every run).\n"
                + "Repository: 300 files, 5 MB; keep_releases 3, one linked file, two linked dirs.\n\n"
                + table + "\n" + notes + "\nWhere a target is missed, what bounds it: [BOUNDS.md](BOUNDS.md).\n");
    }

    private List<Row> measure(Fleet fleet, int n, String label) throws Exception {
        // one unmeasured deploy per tool first (Capstan's first run after a build trains its AppCDS archive)
        for (String tool : List.of("cap", "capstan")) {
            Path warm = tool.equals("cap") ? Projects.capistrano(fleet, "warm", "/srv/warm-" + tool, fleet.hosts)
                    : Projects.capstan(fleet, "warm", "/srv/warm-" + tool, fleet.hosts, "");
            run(fleet, tool, warm, "deploy");
        }
        Map<String, List<double[]>> samples = new java.util.LinkedHashMap<>();
        for (int rep = 0; rep < REPS; rep++) {
            for (String tool : List.of("cap", "capstan")) {
                String deployTo = "/srv/" + tool + rep;
                Path project = benchProject(fleet, tool, tool + rep, deployTo);
                for (String scenario : List.of("fresh deploy", "update deploy", "rollback")) {
                    if (!scenario.equals("fresh deploy")) Thread.sleep(1000);
                    long[] before = counts(fleet);
                    double busyBefore = busyCoreSeconds();
                    PeakRss.Run r = run(fleet, tool, project, scenario.equals("rollback") ? "deploy:rollback" : "deploy");
                    if (r.status() != 0) throw new IllegalStateException(tool + " " + scenario + " failed: " + r.out());
                    double busy = busyCoreSeconds() - busyBefore;
                    long[] after = counts(fleet);
                    verify(fleet, deployTo, scenario);
                    samples.computeIfAbsent(scenario + "|" + tool, k -> new ArrayList<>()).add(new double[] {
                            r.seconds(), r.peakKb(), (after[1] - before[1]) / (double) n, (after[0] - before[0]) / (double) n,
                            busy / (r.seconds() * Runtime.getRuntime().availableProcessors()), r.cpuSeconds()});
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String scenario : List.of("fresh deploy", "update deploy", "rollback")) {
            List<double[]> c = samples.get(scenario + "|cap");
            List<double[]> s = samples.get(scenario + "|capstan");
            rows.add(new Row(scenario, label, median(c, 0), median(s, 0), (long) median(c, 1), (long) median(s, 1),
                    median(c, 2), median(s, 2), median(c, 3), median(s, 3), median(c, 4), median(s, 4),
                    median(c, 5), median(s, 5)));
        }
        return rows;
    }

    private static PeakRss.Run run(Fleet fleet, String tool, Path project, String task) throws Exception {
        return PeakRss.run(project, Projects.env(fleet), toolCommand(tool, task));
    }

    private static List<String> toolCommand(String tool, String task) {
        return tool.equals("cap") ? List.of("cap", "e2e", task) : List.of(Projects.REPO_ROOT.resolve("bin/capstan").toString(), "e2e", task);
    }

    /** A project of {@code tool} ("cap" or "capstan") deploying the benchmark's setup to every host, shared files in place. */
    static Path benchProject(Fleet fleet, String tool, String name, String deployTo) throws Exception {
        Path project = tool.equals("cap") ? Projects.capistrano(fleet, name, deployTo, fleet.hosts)
                : Projects.capstan(fleet, name, deployTo, fleet.hosts, "");
        appendConfig(project, tool);
        for (FleetHost h : fleet.hosts) seedShared(h, deployTo);
        return project;
    }

    private static void appendConfig(Path project, String tool) throws Exception {
        if (tool.equals("cap")) {
            Files.writeString(project.resolve("config/deploy.rb"), Files.readString(project.resolve("config/deploy.rb"))
                    + "set :keep_releases, 3\nset :linked_files, ['config/database.yml']\nset :linked_dirs, ['log', 'tmp/pids']\n");
        } else {
            Files.writeString(project.resolve("config/deploy.groovy"), Files.readString(project.resolve("config/deploy.groovy"))
                    + "set 'keep_releases', 3\nset 'linked_files', ['config/database.yml']\nset 'linked_dirs', ['log', 'tmp/pids']\n");
        }
    }

    private static void seedShared(FleetHost h, String deployTo) throws Exception {
        Path shared = h.srv().resolve(deployTo.substring(5)).resolve("shared/config");
        Files.createDirectories(shared);
        Files.writeString(shared.resolve("database.yml"), "production: {}\n");
        Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, h.srv().toString());
    }

    private static void verify(Fleet fleet, String deployTo, String scenario) throws Exception {
        String release = null;
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, deployTo);
            if (s.current() == null || s.revision() == null) throw new IllegalStateException(h.name + ": no current release after " + scenario);
            if (release == null) release = s.current();
            if (!release.equals(s.current())) throw new IllegalStateException(h.name + " differs after " + scenario);
            if (!scenario.equals("rollback") && !s.revision().equals(fleet.head())) throw new IllegalStateException(h.name + ": wrong revision");
        }
    }

    /** [connections, command channels] summed over the hosts, from the sshd logs. */
    private static long[] counts(Fleet fleet) throws Exception {
        long c = 0, s = 0;
        for (FleetHost h : fleet.hosts) {
            c += h.connections();
            s += h.sessions();
        }
        return new long[] {c, s};
    }

    static void makeRepository(Fleet fleet) {
        // 300 files, about 5 MB (incompressible, like assets), in one commit on top of the fleet's first
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[17_000];
            random.nextBytes(b);
            try {
                Path p = fleet.work().resolve("assets/f" + (i % 10) + "/file" + i + ".bin");
                Files.createDirectories(p.getParent());
                Files.write(p, b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        fleet.commit("README", "bench\n", "300 files");
    }

    private static String tasks(Fleet fleet) throws Exception {
        Path capstanProject = Projects.capstan(fleet, "tasks", "/srv/tasks", fleet.hosts, "");
        Path capProject = Projects.capistrano(fleet, "tasks", "/srv/tasks", fleet.hosts);
        List<Double> capT = new ArrayList<>();
        List<Double> capstanT = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            capT.add(PeakRss.run(capProject, Map.of(), List.of("cap", "-T")).seconds());
            capstanT.add(PeakRss.run(capstanProject, Map.of("XDG_CACHE_HOME", fleet.root.resolve("cache").toString()),
                    List.of(Projects.REPO_ROOT.resolve("bin/capstan").toString(), "-T")).seconds());
        }
        Collections.sort(capT);
        Collections.sort(capstanT);
        return String.format(Locale.ROOT, "\n`-T` in a project (median of 11, alternately): cap %.2f s, capstan %.2f s, ratio %.2f%n",
                capT.get(5), capstanT.get(5), capstanT.get(5) / capT.get(5));
    }

    /**
     * Where one Capstan update deploy and one rollback of the 1-host fleet spend their time, from their own json
     * events: start-up (JVM, CLI, configuration) before run_started, each remote command, the local gaps, and exit.
     */
    private static String profile(Fleet fleet) throws Exception {
        String deployTo = "/srv/profile";
        Path project = benchProject(fleet, "capstan", "profile", deployTo);
        Map<String, String> env = Projects.env(fleet);
        String bin = Projects.REPO_ROOT.resolve("bin/capstan").toString();
        if (PeakRss.run(project, env, List.of(bin, "e2e", "deploy")).status() != 0) throw new IllegalStateException("profile: fresh deploy failed");
        StringBuilder sb = new StringBuilder();
        for (String task : List.of("deploy", "deploy:rollback")) {
            Thread.sleep(1000);
            long launched = System.currentTimeMillis();
            PeakRss.Run r = PeakRss.run(project, env, List.of(bin, "e2e", task, "--format", "json"));
            if (r.status() != 0) throw new IllegalStateException("profile: " + task + " failed: " + r.out());
            sb.append(timeline(task.equals("deploy") ? "update deploy" : "rollback", launched, r));
        }
        return sb.toString();
    }

    private static String timeline(String what, long launched, PeakRss.Run r) {
        StringBuilder sb = new StringBuilder("\nOne Capstan " + what + ", 1 host, from its `--format json` events (ms since launch):\n\n"
                + "| ms | what |\n| --- | --- |\n");
        long previousEnd = -1;
        for (String line : r.out().lines().filter(l -> l.startsWith("{")).toList()) {
            String event = field(line, "event");
            long at = java.time.Instant.parse(field(line, "at")).toEpochMilli() - launched;
            switch (event) {
                case "run_started" -> { sb.append(String.format(Locale.ROOT, "| %d | run started: JVM, CLI and configuration loaded |%n", at)); previousEnd = at; }
                case "command_started" -> {
                    if (previousEnd >= 0) sb.append(String.format(Locale.ROOT, "| +%d | local work before the next command |%n", at - previousEnd));
                    String shown = field(line, "command").replace("|", "\\|");
                    sb.append(String.format(Locale.ROOT, "| %d | command: `%s` |%n", at, shown.length() > 60 ? shown.substring(0, 60) + "…" : shown));
                }
                case "command_finished" -> { sb.append(String.format(Locale.ROOT, "| +%s | … its round trip and remote work |%n", field(line, "duration_ms"))); previousEnd = at; }
                case "run_finished" -> sb.append(String.format(Locale.ROOT, "| %d | run finished |%n", at));
                default -> { }
            }
        }
        sb.append(String.format(Locale.ROOT, "| %d | process exited (wall %.2f s) |%n", Math.round(r.seconds() * 1000), r.seconds()));
        return sb.toString();
    }

    /**
     * One update deploy per tool under {@code perf record -a}: the machine's CPU split between the tool itself and
     * what runs on the hosts (the same work for both tools, on the same 2 cores): what bounds the ratio on this rig.
     */
    private static String cpuSplit(Fleet fleet, int n) throws Exception {
        Map<String, CpuProfile.Split> splits = new java.util.LinkedHashMap<>();
        for (String tool : List.of("cap", "capstan")) {
            String deployTo = "/srv/cpu-" + tool;
            Path project = benchProject(fleet, tool, "cpu", deployTo);
            if (run(fleet, tool, project, "deploy").status() != 0) throw new IllegalStateException(tool + ": cpu split: fresh deploy failed");
            fleet.commit("README", "cpu " + tool + "\n", "cpu " + tool);
            splits.put(tool, CpuProfile.run(project, Projects.env(fleet), toolCommand(tool, "deploy")));
            verify(fleet, deployTo, "update deploy");
        }
        StringBuilder sb = new StringBuilder("\nWhere the machine's CPU went in one update deploy of " + n + " hosts (perf record -a, core-seconds):\n\n"
                + "| part | Capistrano | Capstan |\n| --- | --- | --- |\n");
        for (String part : splits.get("cap").coreSeconds().keySet()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", part, splits.get("cap").coreSeconds().get(part),
                    splits.get("capstan").coreSeconds().get(part)));
        }
        return sb.toString();
    }

    /**
     * Core-seconds the whole machine spent busy (user, nice, system, irq, softirq from /proc/stat): the tool,
     * the sshd processes, git on the hosts and the git host all share these cores, so a run near 100% is CPU-bound.
     */
    private static double busyCoreSeconds() throws java.io.IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long ticks = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) ticks += Long.parseLong(f[i]);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** A top-level string or number field of one json event line (the events are flat; enough for a profile). */
    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(\"((?:[^\"\\\\]++|\\\\.)*+)\"|[-0-9.]+)").matcher(json);
        if (!m.find()) return "";
        return m.group(2) != null ? m.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(1);
    }

    private static double median(List<double[]> xs, int i) {
        List<Double> v = new ArrayList<>(xs.stream().map(x -> x[i]).toList());
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    private static String render(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| scenario | hosts | Capistrano s | Capstan s | ratio | RSS MB cap / capstan | commands per host cap / capstan | connections per host cap / capstan | machine CPU busy cap / capstan | tool's own CPU s cap / capstan |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %d / %d | %.0f / %.0f | %.1f / %.1f | %.0f%% / %.0f%% | %.2f / %.2f |%n", r.scenario(), r.fleet(),
                    r.cap(), r.capstan(), r.capstan() / r.cap(), r.capKb() / 1024, r.capstanKb() / 1024, r.capSessions(), r.capstanSessions(),
                    r.capConnections(), r.capstanConnections(), 100 * r.capBusy(), 100 * r.capstanBusy(), r.capCpu(), r.capstanCpu()));
        }
        return sb.toString();
    }
}
