package dev.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The services classes' fleet: skipped without the real programs, a project with {@code use 'services'}, and an end that kills what the hosts run. */
final class ServiceFleet {
    private ServiceFleet() {}

    /** Skips the calling class unless every command is installed, naming the packages that bring them. */
    static void assumeCommands(String packages, String... commands) {
        String script = "command -v " + String.join(" && command -v ", commands);
        assumeTrue(Shell.run(null, Map.of(), 10, List.of("sh", "-c", script)).status() == 0,
                "needs " + String.join(", ", commands) + " (apt-get install " + packages + ")");
    }

    /** A Capstan project deploying to {@code /srv/APP} on every host, with {@code use 'services'} and {@code lines} in its deploy.groovy. */
    static Path project(Fleet fleet, String app, String... lines) throws IOException {
        Path project = Projects.capstan(fleet, app, "/srv/" + app, fleet.hosts, String.join("\n", lines));
        Files.writeString(project.resolve("Capfile"), "use 'deploy'\nuse 'scm/git'\nuse 'services'\n");
        return project;
    }

    /** A Rack app answering {@code status} with its version and the release it runs in. */
    static String rackApp(int status, String version) {
        return "run lambda { |env| [" + status + ", {'content-type' => 'text/plain'}, [\"" + version + " release=#{File.basename(Dir.pwd)}\\n\"]] }\n";
    }

    /** Ends every process the hosts run (by pid), then the fleet. */
    static void end(Fleet fleet) {
        if (fleet == null) return;
        fleet.hosts.forEach(FleetHost::endProcesses);
        fleet.close();
    }
}
