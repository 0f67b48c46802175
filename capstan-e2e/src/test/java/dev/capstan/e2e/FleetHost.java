package dev.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One machine of the fleet: a real sshd on its own loopback address, with its own view of /srv. Clients connect to
 * {@link #address}:{@link #port}; on a fleet with added latency that is a {@link LatencyProxy} in front of the sshd,
 * which itself listens on {@link #sshdPort}.
 */
final class FleetHost {
    final String name;
    final String address;
    final int port;
    final int sshdPort;
    final Path dir;
    Process sshd;
    LatencyProxy proxy;

    FleetHost(String name, String address, int port, Path dir) {
        this(name, address, port, port, dir);
    }

    FleetHost(String name, String address, int port, int sshdPort, Path dir) {
        this.name = name;
        this.address = address;
        this.port = port;
        this.sshdPort = sshdPort;
        this.dir = dir;
    }

    /** What this host sees as /srv. */
    Path srv() { return dir.resolve("srv"); }

    Path log() { return dir.resolve("sshd.log"); }

    /** The host string for a stage file. */
    String spec(String user) { return user + "@" + hostPort(); }

    /** {@code address:port}, with an IPv6 address in brackets. */
    String hostPort() { return (address.contains(":") ? "[" + address + "]" : address) + ":" + port; }

    /** Connections accepted so far (from sshd's own log). */
    long connections() throws IOException {
        return Files.readAllLines(log()).stream().filter(l -> l.contains("Accepted publickey")).count();
    }

    /** Closed connections so far, and the bytes this host's sshd received over them (its "Transferred:" lines). */
    long[] received() throws IOException {
        long closed = 0;
        long bytes = 0;
        for (String l : Files.readAllLines(log())) {
            java.util.regex.Matcher m = TRANSFERRED.matcher(l);
            if (m.find()) {
                closed++;
                bytes += Long.parseLong(m.group(1));
            }
        }
        return new long[] {closed, bytes};
    }

    private static final java.util.regex.Pattern TRANSFERRED = java.util.regex.Pattern.compile("Transferred: sent \\d+, received (\\d+) bytes");

    /** Command channels opened so far (sshd logs each exec request at LogLevel DEBUG1). */
    long sessions() throws IOException {
        return Files.readAllLines(log()).stream().filter(l -> l.contains("server_input_channel_req") && l.contains("request exec")).count();
    }

    /**
     * Every process running on this host but its sshd: those in the sshd's mount namespace (its own /srv), so daemons
     * started there (detached, reparented to init) are found too. Empty when the sshd is not running.
     */
    List<ProcessHandle> processes() {
        List<ProcessHandle> out = new ArrayList<>();
        if (sshd == null || !sshd.isAlive()) return out;
        Path ns = namespace(sshd.pid());
        if (ns == null) return out;
        ProcessHandle.allProcesses().filter(p -> p.pid() != sshd.pid() && ns.equals(namespace(p.pid()))).forEach(out::add);
        return out;
    }

    /** Ends (SIGKILL, by pid) every process this host runs but its sshd: what a test started there. */
    void endProcesses() {
        processes().forEach(ProcessHandle::destroyForcibly);
    }

    private static Path namespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "mnt"));
        } catch (IOException | UnsupportedOperationException gone) {
            return null;
        }
    }

    String hostKeyLine() throws IOException {
        String[] pub = Files.readString(dir.resolve("hostkey.pub")).trim().split(" ");
        return "[" + address + "]:" + port + " " + pub[0] + " " + pub[1];
    }
}
