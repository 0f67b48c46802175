package dev.capstan.e2e;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static dev.capstan.e2e.Projects.succeeded;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bench/artifact.sh: a 50 MB .tgz deployed to real sshd fleets in both transfer modes, beside a git deploy of the
 * same fleet: wall time, bytes sent by the deploying machine, SSH sessions (commands) per host. Writes
 * bench/ARTIFACT-RESULTS.md.
 */
class ArtifactBench {
    @Test
    void measure() throws Exception {
        assumeTrue(Boolean.getBoolean("capstan.bench.artifact"), "run with bench/artifact.sh");
        assumeTrue(Fleet.available());
        int mb = Integer.getInteger("capstan.bench.artifact.mb", 50);
        StringBuilder table = new StringBuilder("| hosts | deploy | wall s | MB sent by the deploying machine | MB served by the artifact server | sessions per host |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (String n : System.getProperty("capstan.bench.fleets", "10,30").split(",")) {
            try (Fleet fleet = Fleet.start(Integer.parseInt(n.strip()))) {
                byte[] tgz = tgz(fleet, mb);
                AtomicLong served = new AtomicLong();
                HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                http.createContext("/shop.tgz", ex -> {
                    ex.sendResponseHeaders(200, tgz.length);
                    try (OutputStream out = ex.getResponseBody()) { out.write(tgz); }
                    served.addAndGet(tgz.length);
                    ex.close();
                });
                http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
                http.start();
                try {
                    Path git = Projects.capstan(fleet, "bench-git", "/srv/bench-git", fleet.hosts, "");
                    table.append(row(fleet, n, "git", git, served, 0));
                    for (String mode : new String[] {"hosts_download", "push"}) {
                        Path p = Projects.capstan(fleet, "bench-" + mode, "/srv/bench-" + mode.replace('_', '-'), fleet.hosts, String.join("\n",
                                "set 'artifact_url', 'http://127.0.0.1:" + http.getAddress().getPort() + "/shop.tgz'",
                                "set 'artifact_sha256', '" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tgz)) + "'",
                                "set 'artifact_transfer', '" + mode + "'"));
                        Files.writeString(p.resolve("Capfile"), "use 'deploy'\nuse 'scm/artifact'\n");
                        long pushed = mode.equals("push") ? (long) tgz.length * fleet.hosts.size() : 0;
                        table.append(row(fleet, n, "artifact " + mode, p, served, pushed));
                        Thread.sleep(1100);
                        table.append(row(fleet, n, "artifact " + mode + ", redeploy (cached)", p, served, 0));
                    }
                } finally {
                    http.stop(0);
                }
            }
        }
        String out = "# Artifact deploys: measured " + LocalDate.now() + "\n\n" + mb + " MB .tgz (incompressible), real OpenSSH sshd hosts on "
                + "loopback, " + Runtime.getRuntime().availableProcessors() + " cores. 'sent' counts the artifact's bytes Capstan uploads"
                + " (push); hosts_download hosts fetch from the artifact server instead. Sessions are SSH channels the hosts' sshd logged"
                + " (one per command, plus SFTP).\n\n" + table;
        System.out.println(out);
        Files.writeString(Projects.REPO_ROOT.resolve("bench/ARTIFACT-RESULTS.md"), out);
    }

    private static String row(Fleet fleet, String n, String what, Path project, AtomicLong served, long pushed) throws Exception {
        long sessions = 0;
        for (FleetHost h : fleet.hosts) sessions -= h.sessions();
        long before = served.get();
        long t0 = System.nanoTime();
        succeeded(Projects.capstan(fleet, project, "e2e", "deploy"));
        double wall = (System.nanoTime() - t0) / 1e9;
        for (FleetHost h : fleet.hosts) sessions += h.sessions();
        // the deploying machine fetches once in push mode (counted in 'served' too)
        return String.format("| %s | %s | %.1f | %.0f | %.0f | %.1f |%n", n, what, wall, pushed / 1e6, (served.get() - before) / 1e6,
                (double) sessions / fleet.hosts.size());
    }

    private static byte[] tgz(Fleet fleet, int mb) throws Exception {
        Path src = Files.createDirectories(fleet.root.resolve("bench-artifact/shop"));
        byte[] noise = new byte[mb << 20];
        new Random(42).nextBytes(noise);
        Files.write(src.resolve("payload.bin"), noise);
        Path out = fleet.root.resolve("shop.tgz");
        Shell.ok("tar", "-czf", out.toString(), "-C", src.getParent().toString(), "shop");
        return Files.readAllBytes(out);
    }
}
