package dev.capstan.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineParserTest {
    private static Options parse(String... args) throws CommandLineParser.UsageException {
        return CommandLineParser.parse(args);
    }

    @Test
    void wordsAndOptionsInAnyOrder() throws Exception {
        Options o = parse("production", "deploy", "--hosts", "web1", "-r", "app", "BRANCH=x", "--dry-run");
        assertThat(o.args).containsExactly("production", "deploy", "BRANCH=x");
        assertThat(o.hosts).containsExactly("web1");
        assertThat(o.roles).containsExactly("app");
        assertThat(o.dryRun).isTrue();
        assertThat(o.tasks).isNull();
    }

    @Test
    void dashesEndTheOptionsAndMarkWhereACommandsOwnWordsBegin() throws Exception {
        Options o = parse("--limit", "2", "qa", "exec", "--", "ls", "-l", "FOO=1");
        assertThat(o.args).containsExactly("qa", "exec", "ls", "-l", "FOO=1");
        assertThat(o.beforeDashes).isEqualTo(2);
        assertThat(o.limit).isEqualTo(2);
        assertThat(parse("qa", "deploy").beforeDashes).isEqualTo(-1);
        assertThatThrownBy(() -> parse("--limit", "0")).isInstanceOf(CommandLineParser.UsageException.class)
                .hasMessage("--limit needs a whole number of hosts above 0 (given: '0')");
        assertThatThrownBy(() -> parse("--limit=x")).hasMessageContaining("given: 'x'");
    }

    @Test
    void valuesAttachedOrSeparate() throws Exception {
        Options o = parse("--format=json", "--log-level", "debug", "-zweb1", "-z", "web2", "--hosts=web3", "-C", "sub", "--report=r.html");
        assertThat(o.format).isEqualTo("json");
        assertThat(o.logLevel).isEqualTo("debug");
        assertThat(o.hosts).containsExactly("web1", "web2", "web3");
        assertThat(o.directory).isEqualTo("sub");
        assertThat(o.report).isEqualTo("r.html");
    }

    @Test
    void bundledShortFlags() throws Exception {
        Options o = parse("-ntA", "-P");
        assertThat(o.dryRun).isTrue();
        assertThat(o.trace).isTrue();
        assertThat(o.all).isTrue();
        assertThat(o.prereqs).isTrue();
    }

    @Test
    void tasksPatternIsOptional() throws Exception {
        assertThat(parse("-T").tasks).isEmpty();
        assertThat(parse("-T", "deploy").tasks).isEqualTo("deploy");
        assertThat(parse("-T=deploy").tasks).isEqualTo("deploy");
        assertThat(parse("--tasks=deploy").tasks).isEqualTo("deploy");
        Options o = parse("-T", "-A");
        assertThat(o.tasks).isEmpty();
        assertThat(o.all).isTrue();
        assertThat(parse("-T", "A=b").tasks).isEmpty();
    }

    @Test
    void stagesAreACommaList() throws Exception {
        assertThat(parse("install").stages).as("not given: Run falls back to STAGES=, then the default").isNull();
        assertThat(parse("install", "--stages", "qa, production").stages).containsExactly("qa", "production");
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        Options o = parse("production", "run", "--", "--not-an-option", "-n");
        assertThat(o.args).containsExactly("production", "run", "--not-an-option", "-n");
        assertThat(o.dryRun).isFalse();
    }

    @Test
    void mistakesNameTheArgument() {
        assertThatThrownBy(() -> parse("--no-such-flag")).hasMessage("Unknown option: '--no-such-flag'");
        assertThatThrownBy(() -> parse("--formt", "json")).hasMessage("Unknown option: '--formt' (did you mean --format?)");
        assertThatThrownBy(() -> parse("-nx")).hasMessage("Unknown option: '-x'");
        assertThatThrownBy(() -> parse("production", "--hosts")).hasMessage("option '--hosts' needs a value (HOSTS)");
        assertThatThrownBy(() -> parse("--format", "--dry-run")).hasMessage("option '--format' needs a value (NAME)");
        assertThatThrownBy(() -> parse("--dry-run=yes")).hasMessage("option '--dry-run' takes no value (given: '--dry-run=yes')");
    }

    @Test
    void helpListsEveryOption() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Usage.help(new PrintStream(b, true, StandardCharsets.UTF_8));
        String help = b.toString(StandardCharsets.UTF_8);
        for (OptionSpecs.Spec s : OptionSpecs.ALL) {
            for (String name : s.names()) assertThat(help).contains(name);
            assertThat(help).contains(s.description());
        }
        assertThat(help).contains("-z, --hosts=HOSTS", "-T, --tasks[=PATTERN]", "Exit status: 0 success");
    }
}
