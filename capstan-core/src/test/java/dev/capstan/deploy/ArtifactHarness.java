package dev.capstan.deploy;

import dev.capstan.remote.event.Event;

import java.nio.file.Path;

/** An artifact deploy of {@code shop} to one embedded SSH host, and what a failure told the user. */
final class ArtifactHarness {
    private ArtifactHarness() {}

    static DeployHarness of(EmbeddedSshHost host, Path deployTo, String transfer, String url, String sha256) {
        DeployHarness h = host.harness("scm/artifact");
        h.config.set("application", "shop");
        h.config.set("deploy_to", deployTo.toString());
        h.config.set("local_user", "alice");
        h.config.set("artifact_url", url);
        h.config.set("artifact_sha256", sha256);
        h.config.set("artifact_transfer", transfer);
        h.config.set("artifact_strip_components", 1);
        return h;
    }

    /** The exception's messages and every command's output, as the user would read them. */
    static String fullMessage(Throwable e, DeployHarness h) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) sb.append(t.getMessage()).append('\n');
        h.events.stream().filter(x -> x instanceof Event.CommandOutput).forEach(x -> sb.append(((Event.CommandOutput) x).line()).append('\n'));
        return sb.toString();
    }
}
