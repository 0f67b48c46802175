package dev.capstan.deploy.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts as values: the exact text sent, the text shown, and the layout people read. */
class ScriptTest {
    @Test
    void wordsAreQuotedAndTextIsWrittenAsItIs() {
        Line l = Script.line("cd ").word("/srv/my app").text(" && ls ").words(List.of("a b", "c"));
        assertThat(l.render()).isEqualTo("cd /srv/my\\ app && ls a\\ b c");
        assertThat(l.layout()).isEqualTo(l.render());
    }

    @Test
    void stepsJoinWithAndThenOrNewlines() {
        Script s = Script.line("a").and(Script.line("b")).then(Script.line("c")).nl(Script.line("d"));
        assertThat(s.render()).isEqualTo("a && b; c\nd");
        assertThat(s.layout()).isEqualTo("a &&\nb;\nc\nd");
    }

    @Test
    void groupsRenderInlineAndLayOutIndented() {
        Script s = Script.line("git fetch").and(Script.line("git gc")).braces().redirect(">&2").and(Script.line("mkdir ").word("x y"));
        assertThat(s.render()).isEqualTo("{ git fetch && git gc; } >&2 && mkdir x\\ y");
        assertThat(s.layout()).isEqualTo("{\n  git fetch &&\n  git gc\n} >&2 &&\nmkdir x\\ y");
        assertThat(Script.line("a").nl(Script.line("b")).block().render()).isEqualTo("{\na\nb\n}");
        assertThat(Script.line("a").subshell().and(Script.line("b").subshellBlock()).render()).isEqualTo("(a) && (\nb\n)");
        assertThat(Script.line("a").subshell().layout()).isEqualTo("(\n  a\n)");
    }

    @Test
    void aSecretIsSentQuotedAndShownRedacted() {
        Script s = Script.line("mysql -p").secret("pa ss$1").and(Script.line("echo done"));
        assertThat(s.render()).isEqualTo("mysql -ppa\\ ss\\$1 && echo done");
        assertThat(s.shown()).isEqualTo("mysql -p[REDACTED] && echo done");
        assertThat(s.layout()).isEqualTo("mysql -p[REDACTED] &&\necho done").doesNotContain("pa");
    }

    @Test
    void linesAppendWithoutABlank() {
        assertThat(Script.line("if ").append(Script.line("true")).text("; then :; fi").render()).isEqualTo("if true; then :; fi");
    }
}
