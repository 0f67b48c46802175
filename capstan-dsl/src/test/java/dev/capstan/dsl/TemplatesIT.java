package dev.capstan.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** upload_template / render_template: real template files rendered per host and uploaded by the local backend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TemplatesIT {
    @TempDir Path dir;
    /** root hands the file to nobody; anyone else may only chown to themselves */
    static final String OWNER = "root".equals(System.getProperty("user.name")) ? "nobody" : System.getProperty("user.name");

    static final String LAST_DEPLOY = """
            Deployed ${fetch('application')} to ${host.name} (${host.roles.join(', ')})
            branch ${release.branch} at ${release.revision ?: 'unknown'}
            <% if (host.properties.my_property) { %>my_property: ${host.properties.my_property}<% } %>
            """;

    private DslFixture project(String task) throws Exception {
        return new DslFixture(dir)
                .write("config/deploy.groovy", "set 'application', 'shop'\nset 'branch', 'main'\nset 'out', '" + dir + "'\nset 'me', '" + OWNER + "'\n")
                .write("config/deploy/test.groovy", """
                        server 'web1', roles: ['web', 'app'], backend: 'local', my_property: 'my_value'
                        server 'db1', roles: ['db'], backend: 'local'
                        """)
                .write("config/templates/last-deploy.txt.gtpl", LAST_DEPLOY)
                .write("lib/capstan/tasks/t.groovy", task);
    }

    @Test
    void eachHostGetsItsOwnRendering() throws Exception {
        project("""
                task('last_deploy') {
                    on(roles('all')) { host ->
                        upload_template 'config/templates/last-deploy.txt.gtpl', "${fetch('out')}/LAST_DEPLOY.${host.hostname}", mode: '640', owner: fetch('me')
                    }
                }
                """).run("test", "last_deploy");
        assertThat(dir.resolve("LAST_DEPLOY.web1")).content()
                .isEqualTo("Deployed shop to web1 (app, web)\nbranch main at unknown\nmy_property: my_value\n");
        assertThat(dir.resolve("LAST_DEPLOY.db1")).content().isEqualTo("Deployed shop to db1 (db)\nbranch main at unknown\n\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("LAST_DEPLOY.db1")))).isEqualTo("rw-r-----");
        assertThat(Files.getOwner(dir.resolve("LAST_DEPLOY.web1")).getName()).isEqualTo(OWNER);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void renderTemplateReturnsTheTextAndTakesLocals() throws Exception {
        DslFixture f = project("""
                task('show') {
                    on(roles('db')) { info render_template('config/templates/greeting.gtpl', locals: [who: 'ops']) }
                    info render_template('config/templates/greeting.gtpl', locals: [who: 'nobody in particular'])
                }
                """).write("config/templates/greeting.gtpl", "hello ${who} from ${host?.name ?: 'the deploying machine'}");
        f.run("test", "show");
        assertThat(f.logged()).contains("hello ops from db1", "hello nobody in particular from the deploying machine");
    }

    @Test
    void anUploadReplacesTheFileWholeNeverHalfWritten() throws Exception {
        Path dest = dir.resolve("big.txt");
        String old = "old\n".repeat(50_000);
        Files.writeString(dest, old);
        DslFixture f = project("""
                task('big') { on(roles('db')) { 10.times { upload_template 'config/templates/big.gtpl', "${fetch('out')}/big.txt" } } }
                """).write("config/templates/big.gtpl", "<% 50000.times { %>new\n<% } %>");
        String fresh = "new\n".repeat(50_000);
        Set<Integer> seenLengths = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 100_000 && !done.get(); i++) {
                try {
                    String now = Files.readString(dest);
                    if (!now.equals(old) && !now.equals(fresh)) seenLengths.add(now.length());
                } catch (java.io.IOException e) {
                    seenLengths.add(-1); // the file was missing for a moment: not atomic either
                }
            }
        });
        reader.start();
        f.run("test", "big");
        done.set(true);
        reader.join(10_000);
        assertThat(seenLengths).as("lengths of partial contents a reader saw").isEmpty();
        assertThat(dest).content().isEqualTo(fresh);
    }

    @Test
    void aMissingVariableNamesTheTemplateFileAndLine() throws Exception {
        DslFixture f = project("""
                task('broken') { on(roles('db')) { upload_template 'config/templates/broken.gtpl', "${fetch('out')}/broken.txt" } }
                task('unknown') { on(roles('db')) { render_template 'config/templates/unknown.gtpl' } }
                """).write("config/templates/broken.gtpl", "line one\nline two\nhost ${fetch('nginx_port')}\n")
                .write("config/templates/unknown.gtpl", "a\n${colour}\n");
        assertThatThrownBy(() -> f.run("test", "broken")).hasMessageContaining(
                "config/templates/broken.gtpl:3: variable 'nginx_port' is not set");
        assertThat(dir.resolve("broken.txt")).doesNotExist();
        assertThatThrownBy(() -> f.run("test", "unknown")).hasMessageContaining("config/templates/unknown.gtpl:2: unknown name 'colour'");
    }
}
