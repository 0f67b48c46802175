package dev.capstan.deploy;

import dev.capstan.remote.backend.recording.RecordingBackend;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every command a default git deploy, a deploy with linked files/dirs and relative symlinks, and a rollback send to
 * each host, pinned in golden files ({@code src/test/resources/dev/capstan/deploy/golden/}). A real run of the
 * recipes against the recording backend; what differs per run (the run's token, the lock's details, the unique
 * link name) is replaced by a placeholder. {@code -Dgolden.update=true} rewrites the files (review the diff).
 */
class FlowGoldenTest {
    static final Path DIR = Path.of("src/test/resources/dev/capstan/deploy/golden");
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void aDefaultGitDeploy() {
        assertGolden("deploy.txt", run(h -> {}, "deploy"));
    }

    @Test
    void aDeployWithLinkedFilesAndDirsAndRelativeSymlinks() {
        assertGolden("deploy-linked-relative.txt", run(h -> {
            h.config.set("linked_files", List.of("config/database.yml", ".env"));
            h.config.set("linked_dirs", List.of("log", "public/system"));
            h.config.set("symlinks", "relative");
        }, "deploy"));
    }

    @Test
    void aRollback() {
        assertGolden("rollback.txt", run(h -> {}, "deploy:rollback"));
    }

    private static String run(java.util.function.Consumer<DeployHarness> setUp, String task) {
        RecordingBackend backend = new RecordingBackend()
                .answer("git archive", 0, SHA + "\n1764612000\n")
                .answer("echo \"current \\$\\(readlink", 0, "release 20261201090000\nrelease 20261201100000\ncurrent /srv/app/releases/20261201100000\n"
                        + "deployed 20261201090000\ndeployed 20261201100000\n");
        return record(backend, "scm/git", Map.of("application", "app", "repo_url", "git@example.com:me/app.git", "deploy_to", "/srv/app"), setUp, task);
    }

    /** Runs {@code task} with {@code scm} and {@code settings} on web1 and web2 (alice, production) against {@code backend}. */
    static String record(RecordingBackend backend, String scm, Map<String, String> settings, java.util.function.Consumer<DeployHarness> setUp, String task) {
        try (DeployHarness h = new DeployHarness(backend, "deploy", scm)) {
            settings.forEach(h.config::set);
            h.config.set("local_user", "alice");
            h.config.set("stage", "production");
            h.config.set("release_timestamp", "20261201184157");
            for (String name : List.of("web1", "web2")) h.config.servers().server(name, Map.of("roles", List.of("app")));
            setUp.accept(h);
            h.run(task);
            return perHost(backend, DeployRun.of(h.last).token(), List.of("web1", "web2"));
        }
    }

    /** What each host was sent, in order, normalized: {@code ### web1: 5 commands} (and its uploads), then each. */
    static String perHost(RecordingBackend backend, String token, List<String> hosts) {
        StringBuilder out = new StringBuilder();
        for (String name : hosts) {
            List<String> scripts = backend.recorded().stream().filter(r -> r.host().label().equals(name))
                    .map(RecordingBackend.Recorded::script).toList();
            long uploads = scripts.stream().filter(s -> s.startsWith("upload ")).count();
            out.append("### ").append(name).append(": ").append(scripts.size() - uploads).append(" commands")
                    .append(uploads == 0 ? "" : " (" + uploads + " upload)").append('\n');
            for (int i = 0; i < scripts.size(); i++) {
                out.append("--- ").append(i + 1).append('\n').append(normalize(scripts.get(i), token)).append('\n');
            }
        }
        return out.toString();
    }

    static String normalize(String script, String token) {
        String s = script.replace(token, "TOKEN").replaceAll("\\.capstan-current-[0-9a-f]{12}", ".capstan-current-LINK");
        // the lock's details, as the escaped word the lock command writes
        for (String key : List.of("host", "since", "boot", "pidns", "pid", "start")) {
            s = s.replaceAll("\\b" + key + "\\\\=[^\\\\ ]+", key + "\\\\=" + key.toUpperCase());
        }
        return s;
    }

    private static void assertGolden(String name, String actual) {
        assertGoldenFile(name, actual);
    }

    static void assertGoldenFile(String name, String actual) {
        dev.capstan.output.Golden.assertMatches(DIR, name, actual);
    }
}
