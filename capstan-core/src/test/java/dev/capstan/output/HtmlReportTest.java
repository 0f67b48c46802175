package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The HTML report of the recorded run: golden text, then what a real headless Chromium makes of it. */
class HtmlReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    private Path writeReport() {
        Path report = dir.resolve("reports/deploy.html");
        RecordedRun run = new RecordedRun();
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (Output output = Outputs.open(new OutputOptions("concise", Verbosity.INFO, console, false, false, null, report,
                run.secretsSupplier()), ZoneOffset.UTC)) {
            run.replay(output);
        }
        return report;
    }

    @Test
    void reportIsSelfContainedEscapedAndMasked() throws IOException {
        String html = Files.readString(writeReport(), StandardCharsets.UTF_8);
        Golden.assertMatches("report.html", html);
        assertThat(html).doesNotContain(RecordedRun.DB_PASSWORD, RecordedRun.ASKED, RecordedRun.URL_PASSWORD)
                .doesNotContain("<script", "src=", "href=")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;done&quot;");
    }

    @Test
    void chromiumRendersTheReportWithEveryCommandAndTheFailureInRed() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium)");
        Path report = writeReport();
        String dom = chromium(report, "--dump-dom");
        // the browser parsed one <details> per command on a host, and the hostile output line stayed text
        assertThat(Pattern.compile("<details").matcher(dom).results().count()).isEqualTo(5);
        assertThat(dom).doesNotContain("<script>alert").contains("&lt;script&gt;alert('x')&lt;/script&gt;");

        Path png = dir.resolve("report.png");
        chromium(report, "--screenshot=" + png, "--window-size=1200,900", "--hide-scrollbars");
        Files.copy(png, Path.of("target/report.png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(900);
        assertThat(countPixels(image, 0xcf222e)).as("red of the failure pill, the failures box and the failed bar").isGreaterThan(500);
        assertThat(countPixels(image, 0x2f81f7)).as("blue timeline bars").isGreaterThan(30);
        if (Boolean.getBoolean("golden.update")) {
            Path docs = Path.of("../docs/images/report.png");
            Files.createDirectories(docs.getParent());
            Files.copy(png, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String chromium(Path report, String... action) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(action));
        command.add(report.toUri().toString());
        Path stdout = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(dir.resolve("chromium.err").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit status; stderr: %s", Files.readString(dir.resolve("chromium.err"))).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static long countPixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) n++;
            }
        }
        return n;
    }
}
