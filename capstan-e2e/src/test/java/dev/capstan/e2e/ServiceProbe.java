package dev.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the services on a fleet host look like from the test: the release {@code current} points to, the process a
 * pid file names and the release it runs in, an HTTP answer over a unix socket, and the identity of the
 * {@code current} link itself (a switch renames a new link over it, so its inode changes even when it points back).
 */
final class ServiceProbe {
    private ServiceProbe() {}

    /** The identity of a symlink (not of what it points to). */
    record LinkStamp(Object inode, FileTime ctime, String target) {}

    /** The release {@code /srv/APP/current} points to on the host. */
    static String current(FleetHost h, String app) throws IOException {
        return Files.readSymbolicLink(h.srv().resolve(app + "/current")).getFileName().toString();
    }

    static LinkStamp link(FleetHost h, String app) throws IOException {
        Path p = h.srv().resolve(app + "/current");
        return new LinkStamp(Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS),
                (FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS), Files.readSymbolicLink(p).toString());
    }

    /** The pid in {@code pidFile} (a path under the host's /srv). */
    static long pid(FleetHost h, String pidFile) throws IOException {
        return Long.parseLong(Files.readString(h.srv().resolve(pidFile)).strip());
    }

    /** The release directory a live process runs in (the name of its cwd), or "gone". */
    static String releaseOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd")).getFileName().toString();
        } catch (IOException e) {
            return "gone";
        }
    }

    /** An HTTP answer: its status (0 when nothing answered) and body, stripped. */
    record Answer(int status, String body) {}

    /** GET / over a unix socket on the host ({@code socket} under its /srv). */
    static Answer http(FleetHost h, String socket) {
        String out = Shell.run(null, Map.of(), 20, List.of("curl", "-s", "-m", "10", "-w", "\\n%{http_code}", "--unix-socket",
                h.srv().resolve(socket).toString(), "http://localhost/")).out();
        int nl = out.lastIndexOf('\n');
        String code = out.substring(nl + 1).strip();
        return new Answer(code.matches("\\d{3}") ? Integer.parseInt(code) : 0, nl < 0 ? "" : out.substring(0, nl).strip());
    }

    /** The body of GET / over a unix socket on the host. */
    static String get(FleetHost h, String socket) {
        return http(h, socket).body();
    }

    /** Waits (at most {@code seconds}) for {@code p} to exist, then fails if it does not. */
    static void awaitFile(Path p, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && !Files.exists(p); i++) Thread.sleep(100);
        assertThat(p).as("appeared within " + seconds + "s").exists();
    }
}
