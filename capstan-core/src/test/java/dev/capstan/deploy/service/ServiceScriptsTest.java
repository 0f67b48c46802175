package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;
import dev.capstan.config.Configuration;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service types' commands as exact strings: systemd cannot run as PID 1 on the test machines, so these pin it. */
class ServiceScriptsTest {
    private static ServiceTarget target(String type, Map<String, Object> options) {
        return new ServiceTarget(new ServiceSpec("api", "app", type, options, null), "/srv/shop", "production");
    }

    @Test
    void systemdRestartsWithSudoThenChecksIsActiveAndANewPid() {
        ServiceTarget t = target("systemd", Map.of("unit", "shop-api", "sudo", true));
        assertThat(new SystemdType().restart(t)).isEqualTo(
                "old=$(/usr/bin/systemctl show -p MainPID --value shop-api.service)\n"
                + "sudo -n /usr/bin/systemctl restart shop-api.service || exit 1\n"
                + "/usr/bin/systemctl is-active --quiet shop-api.service || { echo \"shop-api.service is not active\" >&2; exit 1; }\n"
                + "new=$(/usr/bin/systemctl show -p MainPID --value shop-api.service); [ \"$new\" != \"$old\" ] || { echo \"shop-api.service kept pid $old: not restarted\" >&2; exit 1; }\n"
                + "capstan_verify || exit 1");
        assertThat(new SystemdType().stop(t)).isEqualTo("sudo -n /usr/bin/systemctl stop shop-api.service || exit 1");
        assertThat(new SystemdType().restart(target("systemd", Map.of("unit", "shop-api", "reload", true)))).contains("\n/usr/bin/systemctl reload shop-api.service || exit 1\n")
                .doesNotContain("kept pid");
    }

    @Test
    void theSudoersLineGrantsExactlyTheCommandsRun() {
        Configuration c = new Configuration();
        c.append(ServiceSpec.SERVICES, new LinkedHashMap<>(Map.of("name", "api", "type", "systemd", "unit", "shop-api", "sudo", true)));
        c.append(ServiceSpec.SERVICES, new LinkedHashMap<>(Map.of("name", "other", "type", "systemd", "unit", "other")));
        assertThat(ServicesPlugin.sudoersLines(c, "deploy")).containsExactly(
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl start shop-api.service, /usr/bin/systemctl stop shop-api.service, /usr/bin/systemctl restart shop-api.service");
    }

    @Test
    void unicornUpgradesByUsr2AndUndoesAFailedMaster() {
        String s = new UnicornType().restart(target("unicorn", Map.of()));
        assertThat(s).startsWith("capstan_settled() { [ ! -e /srv/shop/current/tmp/pids/unicorn.pid.oldbin ]; }; capstan_wait 30 0.2 \"the previous unicorn upgrade to settle (.oldbin gone)\" capstan_settled || exit 1\n"
                + "if capstan_alive /srv/shop/current/tmp/pids/unicorn.pid; then\n"
                + "  old=$(cat /srv/shop/current/tmp/pids/unicorn.pid); echo \"USR2 to unicorn master $old\"; kill -USR2 \"$old\" || exit 1\n"
                + "  capstan_new() { [ -s /srv/shop/current/tmp/pids/unicorn.pid.oldbin ] && new=$(cat /srv/shop/current/tmp/pids/unicorn.pid 2>/dev/null) && [ -n \"$new\" ] && [ \"$new\" != \"$old\" ] && kill -0 \"$new\" 2>/dev/null; }\n"
                + "  capstan_wait 30 0.2 \"a new unicorn master (/srv/shop/current/tmp/pids/unicorn.pid and .oldbin)\" capstan_new || exit 1\n"
                + "  if capstan_verify; then\n"
                + "    echo \"QUIT to the old master $old\"; kill -QUIT \"$old\"; ");
        assertThat(s).contains("    kill -HUP \"$old\"; kill -QUIT \"$new\"\n", "the failed new master $new to quit", "QUIT to the new one\" >&2; exit 1\n")
                .contains("    unicorn -c config/unicorn.rb -E production -D || exit 1\n");
    }

    @Test
    void sidekiqQuietsWithTstpAndStopsWithTermThenKillAfterTimeoutPlusFive() {
        ServiceTarget t = target("sidekiq", Map.of("timeout", 10));
        assertThat(new SidekiqType().quiet(t)).isEqualTo("if capstan_alive /srv/shop/current/tmp/pids/api.pid; then echo \"TSTP (quiet) to sidekiq $(cat /srv/shop/current/tmp/pids/api.pid)\"; "
                + "kill -TSTP \"$(cat /srv/shop/current/tmp/pids/api.pid)\"; fi");
        assertThat(new SidekiqType().stop(t)).contains("kill -TERM \"$old\"").contains("capstan_wait 15 0.2 \"sidekiq $old to finish or push back its jobs\"")
                .contains("echo \"KILL to sidekiq $old after 15s\" >&2; kill -KILL \"$old\"");
        assertThat(new SidekiqType().start(t)).contains("setsid nohup sidekiq -e production -t 10 >> /srv/shop/current/log/api.log 2>&1 < /dev/null & echo $! > /srv/shop/current/tmp/pids/api.pid");
        assertThatThrownBy(() -> new SidekiqType().check(new ServiceSpec("w", "app", "sidekiq", Map.of("timeout", 25, "stop_timeout", 20), null), "deploy.groovy:3: "))
                .isInstanceOf(ConfigException.class).hasMessage("deploy.groovy:3: service 'w': stop_timeout: must be at least timeout: + 5 (30), so sidekiq can push its jobs back before KILL");
    }

    @Test
    void pumaPhasedRestartFallsBackToHotRestart() {
        String s = new PumaType().restart(target("puma", Map.of("phased", true)));
        assertThat(s).contains("  echo \"USR1 (phased restart) to puma $m\"; kill -USR1 \"$m\" || exit 1\n"
                + "  capstan_verify || { echo 'the phased restart was not verified; hot restart instead' >&2; echo \"USR2 (hot restart) to puma $m\"; kill -USR2 \"$m\" && capstan_verify || exit 1; }\n");
        assertThatThrownBy(() -> new PumaType().check(new ServiceSpec("puma", "app", "puma", Map.of(), null), ""))
                .hasMessageContaining("declare health 'puma'");
    }

    @Test
    void pm2ReloadsWithUpdateEnvThroughCurrent() {
        String s = new Pm2Type().restart(target("pm2", Map.of("ecosystem", "ecosystem.config.js", "app", "front")));
        assertThat(s).startsWith("old=$(pm2 pid front 2>/dev/null)\npm2 startOrReload /srv/shop/current/ecosystem.config.js --update-env || exit 1\n");
    }

    @Test
    void healthProbesAreBoundedAndSayWhatTheyWaitFor() {
        HealthCheck h = HealthCheck.of("web", Map.of("http", "http://127.0.0.1:8080/up", "body", "\"release\":\"\\d+\"", "release", true, "timeout", 30));
        assertThat(h.describe()).isEqualTo("http://127.0.0.1:8080/up to answer 200 with a body matching /\"release\":\"\\d+\"/ naming the new release (up to 30s)");
        assertThat(h.probe()).contains("curl -s -m 5 -w '\\n%{http_code}' http://127.0.0.1:8080/up");
        assertThat(HealthCheck.of("api", Map.of("tcp", "127.0.0.1:9000")).probe())
                .isEqualTo("capstan_probe() { capstan_last='connection refused'; timeout 5 bash -c exec\\ 3\\<\\>/dev/tcp/127.0.0.1/9000 2>/dev/null; }\n");
        assertThatThrownBy(() -> HealthCheck.of("api", Map.of("tcp", "9000", "location", "config/deploy.groovy:7")))
                .hasMessage("config/deploy.groovy:7: health 'api': tcp: must be HOST:PORT, not '9000'");
        String script = ServiceScripts.restart(new ServiceTarget(new ServiceSpec("web", "app", "command", Map.of("start", "bin/start", "stop", "bin/stop"), h), "/srv/shop", "production"));
        assertThat(script).contains("capstan_verify() { capstan_wait 30 1 http://127.0.0.1:8080/up\\ to\\ answer\\ 200");
    }

    @Test
    void unknownTypesAndOrphanChecksAreNamed() {
        Configuration c = new Configuration();
        c.append(ServiceSpec.SERVICES, new LinkedHashMap<>(Map.of("name", "web", "type", "passenger", "location", "config/deploy.groovy:2")));
        assertThatThrownBy(() -> ServiceSpec.all(c)).hasMessage("config/deploy.groovy:2: service 'web': unknown type 'passenger' (known: unicorn, sidekiq, puma, pm2, systemd, command)");
        Configuration d = new Configuration();
        d.append(ServiceSpec.HEALTH, new LinkedHashMap<>(Map.of("name", "web", "tcp", "127.0.0.1:1")));
        assertThatThrownBy(() -> ServiceSpec.all(d)).hasMessageContaining("health 'web': no service of that name");
    }
}
