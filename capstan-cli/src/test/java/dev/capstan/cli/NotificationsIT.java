package dev.capstan.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real deploys through the CLI (local hosts, a real git repository) with notifiers pointed at a real HTTP server
 * (the JDK's) that records what it receives.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NotificationsIT {
    @TempDir Path dir;
    HttpServer http;
    final List<String> hook = new CopyOnWriteArrayList<>();
    final List<String> slack = new CopyOnWriteArrayList<>();
    volatile int hookStatus = 200;
    String out;
    String err;

    @BeforeEach
    void startServer() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", ex -> {
            hook.add(ex.getRequestHeaders().getFirst("Content-Type") + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = (hookStatus == 200 ? "ok" : "boom").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(hookStatus, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        http.createContext("/slack", ex -> {
            slack.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stopServer() {
        http.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private void project(String repoUrl) throws Exception {
        Files.createDirectories(dir.resolve("config/deploy"));
        Files.writeString(dir.resolve("Capfile"), "use 'deploy'\nuse 'scm/git'\n");
        Files.writeString(dir.resolve("config/deploy.groovy"), "set 'application', 'shop'\n"
                + "set 'repo_url', '" + repoUrl + "'\n"
                + "set 'deploy_to', '" + dir.resolve("www") + "'\n"
                + "set 'slack_webhook', '" + url("/slack") + "?token=slack-secret-123'\n"
                + "notify 'slack', webhook: secret('slack_webhook'), on: ['deploy:finished', 'deploy:failed']\n"
                + "notify 'webhook', url: '" + url("/hook") + "?token=hook-secret-456'\n");
        Files.writeString(dir.resolve("config/deploy/qa.groovy"), "server 'localhost', roles: ['app'], backend: 'local'\n");
    }

    private String repo() throws Exception {
        Path r = dir.resolve("repo");
        Files.createDirectories(r);
        git(r, "init", "-q", "-b", "master");
        Files.writeString(r.resolve("index.html"), "hello\n");
        git(r, "add", "-A");
        git(r, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
        return r.toString();
    }

    private static void git(Path d, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", d.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
    }

    private int capstan(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), dir, Map.of());
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void aFinishedDeployPostsTheWebhookJsonAndTheSlackMessage() throws Exception {
        project(repo());
        assertThat(capstan("qa", "deploy")).as(out + err).isZero();
        String release;
        try (var s = Files.list(dir.resolve("www/releases"))) {
            release = s.findFirst().orElseThrow().getFileName().toString();
        }
        String revision = Files.readString(dir.resolve("www/current/REVISION")).strip();
        assertThat(hook).hasSize(1);
        assertThat(hook.get(0)).startsWith("application/json {\"event\":\"deploy:finished\",\"application\":\"shop\",\"stage\":\"qa\","
                + "\"release\":\"" + release + "\",\"revision\":\"" + revision + "\",\"user\":\"" + System.getProperty("user.name") + "\","
                + "\"hosts\":[\"localhost\"],\"duration\":").endsWith(",\"result\":\"success\"}");
        assertThat(slack).hasSize(1);
        assertThat(slack.get(0)).startsWith("{\"text\":\":white_check_mark: shop qa: deploy:finished (success) release " + release
                + " at " + revision).contains("on 1 host in ", "\\nhosts: localhost");
    }

    @Test
    void aFailedDeployNotifiesAndAFailingNotifierOnlyWarnsWithItsSecretsMasked() throws Exception {
        project(dir.resolve("no-such-repo").toString());
        hookStatus = 500;
        assertThat(capstan("qa", "deploy")).isEqualTo(1);
        assertThat(slack).hasSize(1);
        assertThat(slack.get(0)).startsWith("{\"text\":\":x: shop qa: deploy:failed (failed)");
        assertThat(hook).hasSize(1);
        assertThat(hook.get(0)).contains("\"event\":\"deploy:failed\"", "\"result\":\"failed\"");
        assertThat(out + err).contains("notify webhook (config/deploy.groovy:6) failed for deploy:failed: HTTP 500 from [REDACTED]: boom",
                "(the deploy is not affected)").doesNotContain("hook-secret-456", "slack-secret-123");

        project(repo());
        assertThat(capstan("qa", "deploy", "--log-level", "debug")).as(out + err).isZero(); // the webhook still answers 500
        assertThat(out + err).contains("notify webhook (config/deploy.groovy:6) failed for deploy:finished: HTTP 500", "notify slack: sent deploy:finished")
                .doesNotContain("hook-secret-456", "slack-secret-123");
        assertThat(Files.readString(dir.resolve("log/capstan.log"))).doesNotContain("hook-secret-456", "slack-secret-123");
    }

    @Test
    void aBadNotifierIsRefusedBeforeAnyHostIsTouched() throws Exception {
        project(repo());
        Files.writeString(dir.resolve("config/deploy.groovy"), "set 'application', 'shop'\nnotify 'webhook', url: 'not a url'\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(capstan("qa", "deploy")).isEqualTo(2);
        assertThat(err).contains("config/deploy.groovy:8: notify 'webhook': url must be an http(s) URL");
        assertThat(dir.resolve("www")).doesNotExist();
        Files.writeString(dir.resolve("config/deploy.groovy"), "notify 'pager', to: 'ops'\n");
        assertThat(capstan("qa", "deploy")).isEqualTo(2);
        assertThat(err).contains("config/deploy.groovy:1: notify 'pager': unknown notifier (known: slack, webhook, email)");
    }

    @Test
    void aDryRunNotifiesNobody() throws Exception {
        project(repo());
        assertThat(capstan("--dry-run", "qa", "deploy")).isZero();
        assertThat(hook).isEmpty();
        assertThat(slack).isEmpty();
    }
}
