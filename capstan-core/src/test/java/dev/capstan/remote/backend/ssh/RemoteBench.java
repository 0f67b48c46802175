package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.event.EventListener;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The remote-layer benchmark (bench/remote/run.sh): per-command overhead on a pooled connection against
 * OpenSSH with ControlMaster, and 200 hosts x 20 commands against 1 host x 20. Prints figures and writes
 * bench/remote/RESULTS.md; asserts nothing. Not a test (no Test/IT suffix).
 */
public final class RemoteBench {
    static final int SEQUENTIAL = 1000;

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "all" : args[0];
        switch (mode) {
            case "servers": servers(Integer.parseInt(args[1]), Path.of(args[2]), args.length > 3 && args[3].equals("instant")); break;
            case "fleet": fleet(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3])); break;
            case "fleets": {
                Path work = Files.createTempDirectory(Path.of("/tmp"), "capstan-bench-");
                StringBuilder md = new StringBuilder();
                fleets(work, md);
                System.out.println(md);
                SshAgentForwardingIT.deleteTree(work);
                break;
            }
            default: all(args.length > 1 ? Path.of(args[1]) : Path.of("bench/remote/RESULTS.md"));
        }
    }

    /** Starts n embedded servers on 127.0.0.2.. and writes hosts.txt + known_hosts; runs until killed. */
    static void servers(int n, Path dir, boolean instant) throws Exception {
        KeyPair client = EmbeddedSshServer.generateKeyPair();
        List<EmbeddedSshServer> started = new ArrayList<>();
        StringBuilder hosts = new StringBuilder();
        Path knownHosts = dir.resolve("known_hosts");
        for (int i = 0; i < n; i++) {
            String address = "127.0.0." + (2 + i % 250);
            EmbeddedSshServer s = EmbeddedSshServer.builder(dir.resolve("h" + i)).address(address).clientKeyPair(client)
                    .hostKeyFile(dir.resolve("hostkey.ser")).instantTrue(instant).nioWorkers(1).start();
            s.writeKnownHosts(knownHosts);
            started.add(s);
            hosts.append(address).append(' ').append(s.port()).append('\n');
        }
        EmbeddedSshServer.writePrivateKey(client, dir.resolve("id_bench"));
        Files.writeString(dir.resolve("hosts.tmp"), hosts);
        Files.move(dir.resolve("hosts.tmp"), dir.resolve("hosts.txt"));
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Client: n hosts x cmds sequential `true` each, hosts in parallel; prints "wall_s peak_rss_kb". */
    static void fleet(int n, int cmds, Path dir) throws Exception {
        List<Host> hosts = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("hosts.txt")).subList(0, n)) {
            String[] f = line.split(" ");
            hosts.add(new Host(f[0], Integer.parseInt(f[1]), System.getProperty("user.name"), Set.of(), Map.of(), Map.of()));
        }
        // timeout 60: the servers share this machine's cores with 4,000 /bin/sh processes
        SshSettings settings = SshSettings.fromOptions(Map.of("keys", List.of(dir.resolve("id_bench").toString()), "config", false,
                "user_known_hosts_file", dir.resolve("known_hosts").toString(), "timeout", 60));
        long start = System.nanoTime();
        try (SshBackend backend = new SshBackend(settings, EventListener.NONE, null);
             Coordinator c = new Coordinator(h -> backend, RemoteSettings.defaults(), EventListener.NONE)) {
            c.on(hosts, RunMode.PARALLEL, r -> {
                for (int i = 0; i < cmds; i++) r.execute("true");
            });
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0);
        System.out.printf("%.3f %d %.1f%n", wall, peakRssKb(), cpu);
    }

    static void all(Path results) throws Exception {
        Path work = Files.createTempDirectory(Path.of("/tmp"), "capstan-bench-");
        // sshd reads authorized_keys as the login user
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder md = new StringBuilder("# Remote layer benchmark (bench/remote/run.sh)\n\n");
        md.append("Measured ").append(java.time.LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(". Figures, not assertions.\n\n");
        overhead(work, md);
        fleets(work, md);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, md);
        System.out.println(md);
        SshAgentForwardingIT.deleteTree(work);
    }

    /** Median of 1,000 sequential `true`: Capstan on a pooled connection vs ssh with ControlMaster, same sshd. */
    static void overhead(Path work, StringBuilder md) throws Exception {
        md.append("## Per-command overhead: median of ").append(SEQUENTIAL).append(" sequential `true`\n\n");
        KeyPair key = EmbeddedSshServer.generateKeyPair();
        Path keyFile = work.resolve("id_overhead");
        EmbeddedSshServer.writePrivateKey(key, keyFile);
        md.append("| client | server | median ms | p90 ms |\n| --- | --- | --- | --- |\n");
        if (OpenSshServer.available()) {
            try (OpenSshServer sshd = new OpenSshServer(work.resolve("sshd"), PublicKeyEntry.toString(key.getPublic()))) {
                Path knownHosts = Files.writeString(work.resolve("known_hosts_sshd"), sshd.knownHostsLine() + "\n");
                Host host = new Host("127.0.0.1", sshd.port, sshd.user, Set.of(), Map.of(), Map.of());
                double[] capstan = capstan(host, keyFile, knownHosts);
                double[] openssh = openssh(sshd, keyFile, knownHosts, work);
                md.append(row("Capstan (MINA, pooled connection)", "OpenSSH sshd, user " + sshd.user, capstan));
                md.append(row("OpenSSH ssh, ControlMaster (one process per command)", "OpenSSH sshd, user " + sshd.user, openssh));
            }
        } else {
            md.append("| (no real sshd here: run as root with openssh-server for the OpenSSH comparison) | | | |\n");
        }
        try (EmbeddedSshServer embedded = EmbeddedSshServer.builder(work.resolve("embedded")).clientKeyPair(key).start()) {
            Path knownHosts = embedded.writeKnownHosts(work.resolve("known_hosts_embedded"));
            Host host = new Host(embedded.host(), embedded.port(), System.getProperty("user.name"), Set.of(), Map.of(), Map.of());
            md.append(row("Capstan (MINA, pooled connection)", "embedded MINA server (/bin/sh -c)", capstan(host, keyFile, knownHosts)));
        }
        md.append("\n");
    }

    static double[] capstan(Host host, Path key, Path knownHosts) {
        SshSettings s = SshSettings.fromOptions(Map.of("keys", List.of(key.toString()), "config", false,
                "user_known_hosts_file", knownHosts.toString()));
        try (SshBackend backend = new SshBackend(s, EventListener.NONE, null)) {
            Remote r = new Remote(host, backend, RemoteSettings.defaults(), EventListener.NONE, null);
            for (int i = 0; i < 50; i++) r.execute("true"); // warm up the JIT and the connection
            double[] ms = new double[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                long t = System.nanoTime();
                r.execute("true");
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            return ms;
        }
    }

    static double[] openssh(OpenSshServer sshd, Path key, Path knownHosts, Path work) throws Exception {
        Path control = work.resolve("cm-%C");
        List<String> base = List.of("ssh", "-F", "/dev/null", "-i", key.toString(), "-p", String.valueOf(sshd.port),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                "-o", "ControlMaster=auto", "-o", "ControlPath=" + control, "-o", "ControlPersist=120",
                sshd.user + "@127.0.0.1");
        for (int i = 0; i < 20; i++) ssh(base, "true");
        double[] ms = new double[SEQUENTIAL];
        for (int i = 0; i < SEQUENTIAL; i++) {
            long t = System.nanoTime();
            ssh(base, "true");
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        List<String> exit = new ArrayList<>(base);
        exit.add(exit.size() - 1, "-O");
        exit.add(exit.size() - 1, "exit");
        new ProcessBuilder(exit).redirectErrorStream(true).start().waitFor();
        return ms;
    }

    private static void ssh(List<String> base, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(base);
        cmd.add(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException("ssh failed: " + cmd);
    }

    /** 1 host x 20 and 200 hosts x 20, each in its own client JVM, servers in another JVM. */
    static void fleets(Path work, StringBuilder md) throws Exception {
        int hosts = Integer.getInteger("bench.hosts", 200);
        md.append("## ").append(hosts).append(" hosts x 20 commands in parallel\n\n")
                .append("Embedded MINA servers on 127.0.0.2.. (one NIO worker each) in a separate JVM; each client run is its own JVM with the launcher's flags (")
                .append(String.join(" ", CLIENT_FLAGS)).append("); connect timeout 60 s. Load average before the fleets: ").append(loadAverage()).append(" (other work shares this machine). ")
                .append("`sh`: each command is a real `/bin/sh -c true` forked by the server on this same machine; ")
                .append("`in-server`: the server answers `true` itself, so the figures show the SSH layer's own scaling.\n\n")
                .append("| server commands | hosts x commands | wall s | client peak RSS MiB | client CPU s | server JVM CPU s |\n| --- | --- | --- | --- | --- | --- |\n");
        for (boolean instant : new boolean[] {true, false}) {
            try {
                fleet(work, md, hosts, instant);
            } catch (IOException e) {
                md.append("| ").append(instant ? "in-server" : "sh").append(" | ").append(hosts).append(" x 20 | failed: ")
                        .append(e.getMessage().lines().limit(3).reduce("", (a, b) -> a + " " + b).replace('|', '/')).append(" | | | |\n");
            }
        }
        md.append("\n");
    }

    static void fleet(Path work, StringBuilder md, int hosts, boolean instant) throws Exception {
        Path dir = Files.createDirectories(work.resolve(instant ? "fleet-instant" : "fleet-sh"));
        Process servers = java(List.of("servers", String.valueOf(hosts), dir.toString(), instant ? "instant" : "sh"), work.resolve("servers.log"));
        try {
            for (int i = 0; i < 600 && !Files.exists(dir.resolve("hosts.txt")); i++) {
                if (!servers.isAlive()) throw new IOException("server JVM died: " + Files.readString(work.resolve("servers.log")));
                Thread.sleep(100);
            }
            for (int n : new int[] {1, hosts}) {
                double serverCpuBefore = cpuSeconds(servers.toHandle());
                String[] out = runClient(n, dir, work);
                double serverCpu = cpuSeconds(servers.toHandle()) - serverCpuBefore;
                md.append("| ").append(instant ? "in-server" : "sh").append(" | ").append(n).append(" x 20 | ").append(out[0]).append(" | ")
                        .append(Long.parseLong(out[1]) / 1024).append(" | ").append(out[2])
                        .append(String.format(" | %.1f |%n", serverCpu));
            }
        } finally {
            servers.destroy();
            servers.waitFor();
        }
    }

    private static String[] runClient(int n, Path dir, Path work) throws Exception {
        Path log = dir.resolve("fleet-" + n + ".log");
        List<String> args = new ArrayList<>(CLIENT_FLAGS);
        args.addAll(List.of(RemoteBench.class.getName(), "fleet", String.valueOf(n), "20", dir.toString()));
        Process p = javaWith(args, log);
        if (p.waitFor() != 0) throw new IOException("fleet " + n + " failed: " + Files.readString(log));
        List<String> lines = Files.readAllLines(log);
        return lines.get(lines.size() - 1).trim().split(" ");
    }

    /** The JVM flags of bin/capstan, so the client's memory is what users see. */
    static final List<String> CLIENT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1",
            "-Xms8m", "-Xmx192m", "-Xss512k");

    private static Process java(List<String> args, Path log) throws IOException {
        List<String> all = new ArrayList<>(List.of(RemoteBench.class.getName()));
        all.addAll(args);
        return javaWith(all, log);
    }

    private static Process javaWith(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String row(String client, String server, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format("| %s | %s | %.2f | %.2f |%n", client, server, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)]);
    }

    static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }
}
