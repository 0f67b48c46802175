package dev.capstan.deploy;

import java.nio.file.Path;

/**
 * A second `capstan deploy:lock` in its own process, for tests that run it where the first cannot see it (another
 * pid namespace). Prints {@code acquired} or {@code refused: MESSAGE}; exits 0 or 3.
 */
final class LockProbe {
    private LockProbe() {}

    public static void main(String[] args) {
        try (DeployHarness h = new DeployHarness("deploy", "scm/git")) {
            h.localServer("localhost");
            h.config.set("application", "app");
            h.config.set("deploy_to", Path.of(args[0]).toString());
            h.config.set("local_user", "mallory");
            h.config.set("stage", "test");
            h.config.set("repo_url", "unused");
            h.run("deploy:lock");
            System.out.println("acquired");
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
        }
    }

}
