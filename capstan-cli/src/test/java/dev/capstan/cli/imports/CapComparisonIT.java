package dev.capstan.cli.imports;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each comparable fixture against Debian's capistrano: {@code cap -T} and {@code capstan -T} list the
 * project's own tasks with the same descriptions; each of those tasks, dry-run alone, sends the same
 * commands to each host; and in {@code --dry-run deploy} the project's commands reach each host in the
 * same order. (The deploy flow's own commands differ on purpose: see docs/migrating-from-capistrano.md.)
 */
@Timeout(600)
class CapComparisonIT {
    private static final Path CAP = Path.of("/usr/bin/cap");
    @TempDir Path tmp;

    @Test
    void convertedProjectsListAndRunTheSameAsCapistrano() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CAP), "Debian's capistrano is not installed (apt-get install capistrano): /usr/bin/cap missing");
        int compared = 0;
        for (String name : ImportFixtures.names()) {
            String stage = ImportFixtures.compareStage(name);
            if (stage == null) continue;
            compare(name, stage);
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(7);
    }

    private void compare(String name, String stage) throws Exception {
        Path ruby = ImportFixtures.copy(name, tmp.resolve(name + "-cap"));
        Path rubyBase = ImportFixtures.copy(name, tmp.resolve(name + "-cap-base"));
        emptyDir(rubyBase.resolve("lib/capistrano/tasks"));
        for (Path p : List.of(ruby, rubyBase)) Files.writeString(p.resolve("config/deploy.rb"), "\nset :format, :pretty\nset :log_level, :debug\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path groovy = ImportFixtures.copy(name, tmp.resolve(name + "-capstan"));
        assertThat(capstan(groovy, "import").status).as(name).isZero();

        // -T -A lists every task, a described one with its "# description"
        Map<String, String> capOwn = minus(DryRunCommands.tasks(cap(ruby, "-T", "-A").text, "cap"), DryRunCommands.tasks(cap(rubyBase, "-T", "-A").text, "cap"));
        Map<String, String> capstanAll = DryRunCommands.tasks(capstan(groovy, "-T", "-A").text, "capstan");
        assertThat(capOwn.values()).as(name + ": the project's described tasks are in cap -T").anyMatch(d -> !d.isEmpty());
        capOwn.forEach((task, desc) -> assertThat(capstanAll).as(name + ": capstan -T -A lists " + task).containsEntry(task, desc));
        Map<String, String> capstanDescribed = DryRunCommands.tasks(capstan(groovy, "-T").text, "capstan");
        capOwn.forEach((task, desc) -> {
            if (!desc.isEmpty()) assertThat(capstanDescribed).as(name + ": capstan -T lists " + task).containsEntry(task, desc);
        });

        Set<String> own = capOwn.keySet();
        Set<String> userCommands = new HashSet<>();
        for (String task : own) {
            Map<String, List<String>> viaCap = DryRunCommands.of(cap(ruby, stage, "--dry-run", task).text);
            Map<String, List<String>> viaCapstan = DryRunCommands.of(capstan(groovy, "--dry-run", "--format", "pretty", "--log-level", "debug", stage, task).text);
            assertThat(viaCapstan).as(name + ": the commands per host of " + task).isEqualTo(viaCap);
            viaCap.values().forEach(userCommands::addAll);
        }
        assertThat(userCommands).as(name + ": the project's tasks send commands").isNotEmpty();
        Map<String, List<String>> capDeploy = DryRunCommands.only(DryRunCommands.of(cap(ruby, stage, "--dry-run", "deploy").text), userCommands);
        Map<String, List<String>> capstanDeploy = DryRunCommands.only(DryRunCommands.of(
                capstan(groovy, "--dry-run", "--format", "pretty", "--log-level", "debug", stage, "deploy").text), userCommands);
        assertThat(capstanDeploy).as(name + ": the project's commands in deploy, per host").isEqualTo(capDeploy);
        if (hookedIntoDeploy(ruby)) assertThat(capDeploy).as(name + ": hooks run the project's commands in deploy").isNotEmpty();
    }

    private static boolean hookedIntoDeploy(Path project) throws IOException {
        try (Stream<Path> s = Files.list(project.resolve("lib/capistrano/tasks"))) {
            for (Path p : s.toList()) if (Files.readString(p).matches("(?s).*(before|after) [\"']deploy:.*")) return true;
        }
        return false;
    }

    record Ran(int status, String text) {}

    private static Ran cap(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CAP.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cap " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Ran(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }

    private static Ran capstan(Path dir, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int status = dev.capstan.cli.Main.run(args, ps, ps, dir, Map.of());
        return new Ran(status, o.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> minus(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        b.keySet().forEach(out::remove);
        return out;
    }

    private static void emptyDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
    }
}
