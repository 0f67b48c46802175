package dev.capstan.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release archive as a user gets it: unpacked into a temporary directory outside the source tree, its
 * bin/ on PATH, deploying the bundled example with the real launcher. Runs after {@code package} (it needs
 * the archive), as the {@code distribution-test} execution of capstan-cli's pom.
 */
@Timeout(300)
@EnabledIfSystemProperty(named = "capstan.distribution", matches = "target")
class DistributionIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir Path tmp;
    Path home;

    @BeforeEach
    void unpack() throws Exception {
        home = Launcher.unpackRelease(TARGET, tmp);
    }

    @Test
    void unpackedAnywhereItDeploysTheExampleWithTheArchiveTheBuildMade() throws Exception {
        assertThat(home.resolve("bin/capstan")).isExecutable();
        assertThat(home.resolve("lib/capstan.jar")).isRegularFile();
        assertThat(home.resolve("lib/capstan.jsa")).as("the class-data archive made at package time").isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
        assertThat(home.resolve("NOTICE")).content().contains("Apache MINA SSHD", "Apache Groovy", "SLF4J", "EdDSA", "AWS SDK for Java",
                "JLine", "Jakarta Mail");
        assertThat(home.resolve("completion/capstan.bash")).content().contains("complete -F");
        assertThat(home.resolve("completion/_capstan")).content().startsWith("#compdef capstan");
        assertThat(home.resolve("completion/capstan.fish")).content().contains("complete -c capstan");

        Path project = Launcher.exampleProject(tmp, Launcher.EXAMPLE);
        Path classes = tmp.resolve("classes.txt");
        Launcher.Result r = Launcher.capstan(home, project, tmp, List.of("CAPSTAN_JAVA_OPTS=-Xlog:class+load:file=" + classes), "local", "deploy");
        r.assertOk();
        Path deployTo = tmp.resolve("srv/hello");
        assertThat(Files.readSymbolicLink(deployTo.resolve("current")).toString()).contains(deployTo.resolve("releases").toString());
        assertThat(deployTo.resolve("current/REVISION")).content().isEqualToIgnoringWhitespace(Launcher.head(tmp.resolve("hello.git")));
        assertThat(Files.readString(classes)).as("classes came from the archive the build made").contains("source: shared objects file (top)");
        assertThat(archivesIn(tmp.resolve("cache"))).as("nothing was trained on this machine").isEmpty();
    }

    @Test
    void theZipHoldsWhatTheTarballHolds() throws Exception {
        Set<String> zipped;
        try (ZipFile z = new ZipFile(TARGET.resolve(home.getFileName() + ".zip").toFile())) {
            zipped = Set.copyOf(z.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).toList());
        }
        String base = home.getFileName() + "/";
        assertThat(zipped).contains(base + "bin/capstan", base + "lib/capstan.jar", base + "lib/capstan.jsa", base + "lib/capstan.jsa.key",
                base + "LICENSE", base + "NOTICE", base + "README.md");
    }

    @Test
    void withAnotherJvmItRunsAtOnceAndMakesAnArchiveInTheBackground() throws Exception {
        // the build's archive now claims another JVM: as when a user runs another JDK than the builder's
        Files.writeString(home.resolve("lib/capstan.jsa.key"), "another-jvm\n");
        Launcher.Result r = Launcher.capstan(home, tmp, tmp, List.of(), "--version");
        r.assertOk();
        assertThat(r.output()).contains("Capstan Version: " + Usage.VERSION);
        Path cache = tmp.resolve("cache/capstan");
        for (int i = 0; i < 1200 && (archivesIn(tmp.resolve("cache")).isEmpty() || making(cache)); i++) Thread.sleep(100);
        assertThat(archivesIn(tmp.resolve("cache"))).as("one archive, for this jar and JVM").hasSize(1);
        assertThat(making(cache)).isFalse();

        Path classes = tmp.resolve("classes.txt");
        Launcher.capstan(home, tmp, tmp, List.of("CAPSTAN_JAVA_OPTS=-Xlog:class+load:file=" + classes), "--version").assertOk();
        assertThat(Files.readString(classes)).contains("source: shared objects file (top)");
    }

    private static List<Path> archivesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private static boolean making(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) return false;
        try (Stream<Path> s = Files.list(cache)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".making"));
        }
    }
}
