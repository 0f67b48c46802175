package dev.capstan.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of docs/templates.md and docs/provisioning.md, run as written on local hosts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorDocsIT {
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    @TempDir Path dir;

    private static List<String> blocks(String doc) throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/" + doc)));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(2));
        return out;
    }

    @Test
    void theLastDeployMessageIsRenderedForEachHost() throws Exception {
        List<String> b = blocks("templates.md");
        DslFixture f = new DslFixture(dir)
                .write("config/deploy.groovy", "set 'application', 'shop'\nset 'deploy_to', '" + dir + "'\nset 'branch', 'main'\nset 'local_user', 'alice'\n")
                .write("config/deploy/test.groovy", "server 'localhost', roles: ['web', 'app'], backend: 'local', my_property: 'my_value'\n")
                .write("lib/capstan/tasks/last_deploy.groovy", b.get(0))
                .write("config/templates/last-deploy.txt.gtpl", b.get(1));
        f.run("test", "deploy:last_deploy");
        assertThat(dir.resolve("LAST_DEPLOY")).content().isEqualTo("""
                shop was deployed to localhost (roles: app, web)
                release null of main at null, by alice
                  backend: local
                  my_property: my_value

                """);
    }

    @Test
    void theAnsibleTaskWritesAnInventoryFromTheServersAndRunsThePlaybook() throws Exception {
        Path fake = dir.resolve("fake-ansible-playbook");
        Files.writeString(fake, "#!/bin/sh\necho \"$@\" > " + dir.resolve("args") + "\ncp \"$2\" " + dir.resolve("seen.ini") + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        DslFixture f = new DslFixture(dir)
                .write("config/deploy.groovy", "set 'ansible_playbook', '" + fake + "'\nset 'inventory_dir', '" + dir.resolve("tmp") + "'\n")
                .write("config/deploy/test.groovy", """
                        server 'web1.example.com', user: 'deploy', roles: ['web']
                        server 'web2.example.com:2222', user: 'deploy', roles: ['web']
                        server 'db.example.com', user: 'deploy', roles: ['db']
                        """)
                .write("lib/capstan/tasks/provision.groovy", blocks("provisioning.md").get(0));
        f.run("test", "provision:ansible");
        assertThat(dir.resolve("seen.ini")).content().isEqualTo("""
                [web]
                web1.example.com ansible_user=deploy
                web2.example.com ansible_user=deploy ansible_port=2222
                [db]
                db.example.com ansible_user=deploy
                """);
        assertThat(dir.resolve("args")).content().isEqualTo("-i " + dir.resolve("tmp/inventory-test.ini") + " provision/site.yml\n");
    }
}
