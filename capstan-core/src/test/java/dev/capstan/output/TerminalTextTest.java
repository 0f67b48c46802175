package dev.capstan.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    @Test
    void cleanDropsRemoteColourAndCursorSequencesAndShowsOtherControlsAsReplacementChars() {
        assertThat(TerminalText.clean("\u001b[1;31mred\u001b[0m text")).isEqualTo("red text");
        assertThat(TerminalText.clean(" 10%\r 50%\r100% done")).isEqualTo("100% done");
        assertThat(TerminalText.clean("bell\u0007 tab\tok \u001b]0;title\u0007end")).isEqualTo("bell\uFFFD tab\tok end");
    }

    @Test
    void truncateCountsOnlyVisibleCharactersAndResetsColourAfterTheCut() {
        assertThat(TerminalText.truncate("abcdefghij", 5)).isEqualTo("abcd…");
        assertThat(TerminalText.truncate("abcde", 5)).isEqualTo("abcde");
        assertThat(TerminalText.truncate("abcdefghij", 0)).isEqualTo("abcdefghij");
        assertThat(TerminalText.truncate("ab\u001b[0;33;49mcdefgh\u001b[0m", 5)).isEqualTo("ab\u001b[0;33;49mcd…\u001b[0m");
        assertThat(TerminalText.truncate("😀😀😀😀😀😀", 4)).isEqualTo("😀😀😀…");
    }
}
