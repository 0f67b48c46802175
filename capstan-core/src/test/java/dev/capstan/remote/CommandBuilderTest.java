package dev.capstan.remote;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands as exact strings, next to what SSHKit 1.21 builds for the same call (capistrano-spec.md §6.1).
 * Where they differ, Capstan escapes arguments and honours within/with/as for every form.
 */
class CommandBuilderTest {
    private final CommandMap map = new CommandMap();
    private final CommandBuilder builder = new CommandBuilder(map);

    private String sent(CommandContext ctx, Object... args) {
        return builder.build(List.of(args), ctx, Verbosity.INFO, true).script();
    }

    private String sent(Object... args) {
        return sent(CommandContext.EMPTY, args);
    }

    record Case(String call, String capstan, String sshkit) {}

    @Test
    void tableAgainstSshkit() {
        CommandContext www = CommandContext.EMPTY.within("/var/www/my app");
        CommandContext env = CommandContext.EMPTY.with(Map.of("rails_env", "production"));
        CommandContext asDeploy = CommandContext.EMPTY.as("deploy", null);
        CommandContext all = CommandContext.EMPTY.within("/var/www/app").with(Map.of("rails_env", "production")).as("deploy", "www");
        List<Case> cases = List.of(
                new Case("execute :ls, '-l'", sent("ls", "-l"), "/usr/bin/env ls -l"),
                new Case("execute 'ls -l'", sent("ls -l"), "ls -l"),
                new Case("within '/var/www/my app' { execute :ls, '-l' }", sent(www, "ls", "-l"), "cd /var/www/my\\ app && /usr/bin/env ls -l"),
                new Case("within '~/app' { execute :ls }", sent(CommandContext.EMPTY.within("~/app"), "ls"), "cd ~/app && /usr/bin/env ls"),
                new Case("with rails_env: 'production' { execute :rake, 'db:migrate' }", sent(env, "rake", "db:migrate"),
                        "( export RAILS_ENV=\"production\" ; /usr/bin/env rake db:migrate )"),
                new Case("as 'deploy' { execute :whoami }", sent(asDeploy, "whoami"), "sudo -u deploy -- sh -c /usr/bin/env\\ whoami"),
                new Case("as group: 'www' { execute :touch, 'x' }", sent(CommandContext.EMPTY.as(null, "www"), "touch", "x"),
                        "sg www -c /usr/bin/env\\ touch\\ x"),
                new Case("all four", sent(all, "rake", "assets:precompile"),
                        "cd /var/www/app && ( export RAILS_ENV=\"production\" ; sudo -u deploy RAILS_ENV=\"production\" -- sh -c sg\\ www\\ -c\\ /usr/bin/env\\\\\\ rake\\\\\\ assets:precompile )"),
                new Case("within '/tmp' { execute 'ls -l | wc -l' } (SSHKit drops the within)", sent(CommandContext.EMPTY.within("/tmp"), "ls -l | wc -l"),
                        "ls -l | wc -l"),
                new Case("execute :echo, 'a b', \"it's\" (SSHKit does not escape)", sent("echo", "a b", "it's"), "/usr/bin/env echo a b it's"),
                new Case("execute :test, '-f', '/x'", sent("test", "-f", "/x"), "test -f /x"),
                new Case("umask 077, within /tmp, env a: 1", sent(CommandContext.EMPTY.within("/tmp").withUmask("077").with(Map.of("a", 1)), "ls"),
                        "cd /tmp && umask 077 && ( export A=\"1\" ; /usr/bin/env ls )"));
        StringBuilder table = new StringBuilder("\n| call | Capstan | SSHKit 1.21 |\n| --- | --- | --- |\n");
        cases.forEach(c -> table.append("| ").append(c.call()).append(" | `").append(c.capstan()).append("` | `").append(c.sshkit()).append("` |\n"));
        System.out.println(table);

        assertThat(cases.get(0).capstan()).isEqualTo(cases.get(0).sshkit());
        assertThat(cases.get(1).capstan()).isEqualTo(cases.get(1).sshkit());
        assertThat(cases.get(2).capstan()).isEqualTo(cases.get(2).sshkit());
        assertThat(cases.get(3).capstan()).isEqualTo(cases.get(3).sshkit());
        assertThat(cases.get(4).capstan()).isEqualTo(cases.get(4).sshkit());
        assertThat(cases.get(5).capstan()).isEqualTo(cases.get(5).sshkit());
        assertThat(cases.get(6).capstan()).isEqualTo(cases.get(6).sshkit());
        assertThat(cases.get(7).capstan()).isEqualTo(cases.get(7).sshkit());
        assertThat(cases.get(8).capstan()).isEqualTo("cd /tmp && ls -l | wc -l");
        assertThat(cases.get(9).capstan()).isEqualTo("/usr/bin/env echo a\\ b it\\'s");
        assertThat(cases.get(10).capstan()).isEqualTo(cases.get(10).sshkit());
        assertThat(cases.get(11).capstan()).isEqualTo(cases.get(11).sshkit());
    }

    @Test
    void moreFormsAgainstSshkit() {
        CommandContext both = CommandContext.EMPTY.as("deploy", "www");
        CommandContext asWith = CommandContext.EMPTY.as("deploy", null).with(Map.of("foo", "bar"));
        CommandContext defaultEnv = CommandContext.EMPTY.with(Map.of("path", "/opt/bin:$PATH"));
        List<Case> cases = List.of(
                new Case("as user: 'deploy', group: 'www' { execute :touch, 'x' }", sent(both, "touch", "x"),
                        "sudo -u deploy -- sh -c sg\\ www\\ -c\\ /usr/bin/env\\\\\\ touch\\\\\\ x"),
                new Case("as 'deploy' + with foo: 'bar' { execute :whoami }", sent(asWith, "whoami"),
                        "( export FOO=\"bar\" ; sudo -u deploy FOO=\"bar\" -- sh -c /usr/bin/env\\ whoami )"),
                new Case("umask '077' { execute :ls }", sent(CommandContext.EMPTY.withUmask("077"), "ls"), "umask 077 && /usr/bin/env ls"),
                new Case("default_env path: '/opt/bin:$PATH'; execute :ruby, '-v'", sent(defaultEnv, "ruby", "-v"),
                        "( export PATH=\"/opt/bin:$PATH\" ; /usr/bin/env ruby -v )"),
                new Case("default_env path: ...; execute 'ruby -v' (SSHKit drops the env)", sent(defaultEnv, "ruby -v"), "ruby -v"),
                new Case("within '/srv' { execute 'ls -l | wc -l' } as 'deploy' (SSHKit drops both)",
                        sent(CommandContext.EMPTY.within("/srv").as("deploy", null), "ls -l | wc -l"), "ls -l | wc -l"),
                new Case("execute :echo, 'secret', redact('p@ss') (sent)",
                        sent("echo", "secret", Arg.redact("p@ss")), "/usr/bin/env echo secret p@ss"),
                new Case("execute :git, 'log', raw('| head -1')", sent("git", "log", Arg.raw("| head -1")), "/usr/bin/env git log | head -1"));
        StringBuilder table = new StringBuilder("\n| call | Capstan | SSHKit 1.21 |\n| --- | --- | --- |\n");
        cases.forEach(c -> table.append("| ").append(c.call()).append(" | `").append(c.capstan().replace("\n", "\\n"))
                .append("` | `").append(c.sshkit()).append("` |\n"));
        System.out.println(table);
        for (int i : new int[] {0, 1, 2, 3, 6, 7}) assertThat(cases.get(i).capstan()).as(cases.get(i).call()).isEqualTo(cases.get(i).sshkit());
        assertThat(cases.get(4).capstan()).isEqualTo("( export PATH=\"/opt/bin:$PATH\" ; ruby -v )");
        assertThat(cases.get(5).capstan()).isEqualTo("cd /srv && sudo -u deploy -- sh -c ls\\ -l\\ \\|\\ wc\\ -l");
        assertThat(builder.build(List.of("whoami"), CommandContext.EMPTY.as("app", null), Verbosity.INFO, true).user())
                .as("ending it takes that user's rights").isEqualTo("app");
        assertThat(builder.build(List.of("whoami"), CommandContext.EMPTY, Verbosity.INFO, true).user()).isNull();
        assertThat(builder.build(List.of("echo", "secret", Arg.redact("p@ss")), CommandContext.EMPTY, Verbosity.INFO, true).summary())
                .isEqualTo("/usr/bin/env echo secret [REDACTED]");
    }

    @Test
    void commandMapMappingsPrefixesAndFunctions() {
        map.map("rake", "/usr/local/bin/rake");
        map.prefix("rails").push("bundle exec");
        map.prefix("rails").addFirst("rbenv exec");
        map.map("node", name -> "/opt/node/bin/" + name);
        assertThat(sent("rake", "db:migrate")).isEqualTo("/usr/local/bin/rake db:migrate");
        assertThat(sent("rails", "c")).isEqualTo("rbenv exec bundle exec rails c");
        assertThat(sent("node", "app.js")).isEqualTo("/opt/node/bin/node app.js");
        assertThat(sent("rake db:seed")).as("a snippet's first word follows an explicit mapping").isEqualTo("/usr/local/bin/rake db:seed");
        assertThat(sent("git status")).as("but gets no /usr/bin/env").isEqualTo("git status");
    }

    @Test
    void multiLineStringsRunAsOneScriptAndShowAsOneLine() {
        Command c = builder.build(List.of("if test -d /x\n  then echo hi\n  false\nfi\n"), CommandContext.EMPTY.within("/tmp"), Verbosity.INFO, true);
        assertThat(c.summary()).isEqualTo("if test -d /x; then echo hi; false; fi");
        assertThat(c.script()).isEqualTo("cd /tmp && (\nif test -d /x\n  then echo hi\n  false\nfi\n)");
    }

    @Test
    void theOneLineFormOfAScriptIsValidShell() {
        // SSHKit would show "for f in *; do; echo $f; done" and "if true; then; ..." (a syntax error)
        assertThat(CommandBuilder.oneLine("for f in *; do\n  echo \"$f\"\ndone")).isEqualTo("for f in *; do echo \"$f\"; done");
        assertThat(CommandBuilder.oneLine("if [ -d x ]; then\nls\nelse\necho no\nfi")).isEqualTo("if [ -d x ]; then ls; else echo no; fi");
        assertThat(CommandBuilder.oneLine("a &&\nb |\nc\nundo\nd;\n{\ne\n}")).isEqualTo("a && b | c; undo; d; { e; }");
    }

    @Test
    void aSnippetWithSeveralCommandsRunsWhollyInsideWithin() {
        assertThat(sent(CommandContext.EMPTY.within("/srv"), "test -f a || touch a; ls")).isEqualTo("cd /srv && ( test -f a || touch a; ls )");
        assertThat(sent(CommandContext.EMPTY.within("/srv"), "ls | wc -l")).isEqualTo("cd /srv && ls | wc -l");
    }

    @Test
    void redactedAndRawArguments() {
        Command c = builder.build(List.of("echo", Arg.raw("$HOME"), Arg.redact("p@ss word"), Arg.raw(">"), "/tmp/x"), CommandContext.EMPTY, Verbosity.INFO, true);
        assertThat(c.script()).isEqualTo("/usr/bin/env echo $HOME p@ss\\ word > /tmp/x");
        assertThat(c.summary()).isEqualTo("/usr/bin/env echo $HOME [REDACTED] > /tmp/x");
        assertThat(c.loggedScript()).doesNotContain("p@ss");
    }

    @Test
    void environmentValuesExpandVariablesButNotCommands() {
        CommandContext ctx = CommandContext.EMPTY.with(Map.of("path", "/opt/bin:$PATH", "x", "$(rm -rf /) `id` \"q\""));
        assertThat(sent(ctx, "ruby", "-v")).contains("PATH=\"/opt/bin:$PATH\"").contains("X=\"\\$(rm -rf /) \\`id\\` \\\"q\\\"\"");
    }

    @Test
    void aSecretEnvironmentValueIsSingleQuotedAndShownRedacted() {
        String secret = "Zq9$HOME!w0rd#'\"`x`";
        CommandContext ctx = CommandContext.EMPTY.with(Map.of("path", "/opt/bin:$PATH")).with(Map.of("db_pass", Arg.redact(secret)));
        Command c = builder.build(List.of("mysql"), ctx, Verbosity.INFO, true);
        assertThat(c.script()).isEqualTo("( export PATH=\"/opt/bin:$PATH\" DB_PASS='Zq9$HOME!w0rd#'\\''\"`x`' ; /usr/bin/env mysql )");
        assertThat(c.loggedScript()).isEqualTo("( export PATH=\"/opt/bin:$PATH\" DB_PASS=[REDACTED] ; /usr/bin/env mysql )");
        Command asUser = builder.build(List.of("mysql"), ctx.as("deploy", null), Verbosity.INFO, true);
        assertThat(asUser.loggedScript()).doesNotContain("Zq9").contains("sudo -u deploy PATH=\"/opt/bin:$PATH\" DB_PASS=[REDACTED] -- sh -c");
        assertThat(CommandContext.EMPTY.with(Map.of("db_pass", Arg.redact(secret))).with(Map.of("db_pass", "plain")).secretEnv()).isEmpty();
    }

    @Test
    void guardsAreSshkits() {
        assertThat(CommandBuilder.directoryGuard("/var/www/my app"))
                .isEqualTo("if test ! -d /var/www/my\\ app; then echo \"Directory does not exist '/var/www/my\\ app'\" 1>&2; false; fi");
        assertThat(CommandBuilder.userGuard("deploy"))
                .isEqualTo("if ! sudo -u deploy whoami > /dev/null; then echo \"You cannot switch to user 'deploy' using sudo, please check the sudoers file\" 1>&2; false; fi");
    }

    @Test
    void hostStrings() {
        assertThat(Host.parse("web1").label()).isEqualTo("web1");
        assertThat(Host.parse("deploy@web1:2222").label()).isEqualTo("deploy@web1:2222");
        assertThat(Host.parse("[::1]:2222").getHostname()).isEqualTo("::1");
        assertThat(Host.parse("[::1]:2222").getPort()).isEqualTo(2222);
        assertThat(Host.parse("deploy@[2001:db8::1]:22").getUser()).isEqualTo("deploy");
        assertThat(Host.parse("::1").getHostname()).isEqualTo("::1");
        assertThat(Host.parse("deploy@[::1]:22").label()).isEqualTo("deploy@[::1]:22");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Host.parse("a b")).hasMessageContaining("Cannot parse host string a b");
    }
}
