package dev.capstan.output.notify;

import java.util.List;

/** What the run knows at the moment a notification goes out (read from the configuration by the CLI). */
public record DeployFacts(String application, String stage, String release, String revision, String user, List<String> hosts) {}
