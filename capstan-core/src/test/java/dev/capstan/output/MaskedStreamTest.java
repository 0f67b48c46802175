package dev.capstan.output;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedStreamTest {
    @Test
    void masksEachLineAndAStackTraceWithItsCauseAndSuppressedExceptions() {
        List<String> secrets = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = MaskedStream.printStream(bytes, () -> secrets, StandardCharsets.UTF_8);
        err.println("before hunter22");
        secrets.add("hunter22");
        err.print("capstan aborted! hun");
        err.print("ter22 ");
        err.println("café");
        RuntimeException e = new RuntimeException("top hunter22", new IllegalStateException("cause hunter22"));
        e.addSuppressed(new IllegalArgumentException("suppressed hunter22"));
        e.printStackTrace(err);
        err.print("Password for hunter22: ");
        err.flush();
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("before hunter22\ncapstan aborted! [REDACTED] café\n")
                .contains("java.lang.RuntimeException: top [REDACTED]", "Caused by: java.lang.IllegalStateException: cause [REDACTED]",
                        "Suppressed: java.lang.IllegalArgumentException: suppressed [REDACTED]")
                .endsWith("Password for [REDACTED]: ");
        assertThat(shown.substring("before hunter22".length())).doesNotContain("hunter22");
    }
}
