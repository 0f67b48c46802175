package dev.capstan.cli.doctor;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Host;

import java.util.List;
import java.util.Map;

/**
 * What the remote checks need from the configuration, read once before any host is touched.
 *
 * @param scm        the source plugin in use ({@code scm/git}, ...), or null
 * @param gitEnv     {@code git_environmental_variables}, as the deploy's git commands get them
 * @param sudoUsers  users the project switches to with {@code as}
 * @param sudo       whether the project calls sudo itself
 * @param serviceSudo the exact commands {@code use 'services'} runs with {@code sudo -n} (systemd units)
 * @param sudoers    the minimal sudoers lines for them, given the host's deploy user
 * @param artifact   with {@code scm/artifact}: what the hosts fetch, resolved once here; else null
 */
record DoctorSettings(String deployTo, String repoUrl, String scm, Map<String, String> gitEnv, List<String> tools, boolean forwardAgent,
                      List<String> sudoUsers, boolean sudo, long minFreeMb, long maxClockSkewSeconds,
                      List<String> serviceSudo, java.util.function.Function<String, List<String>> sudoers, ArtifactReach artifact) {
    static final String[] COLUMNS = {"reachable", "auth", "host key", "deploy_to", "forwarding", "repo", "tools", "sudo", "disk", "clock"};

    static DoctorSettings of(Configuration config, List<String> plugins, ProjectScan scan) {
        String scm = plugins.stream().filter(p -> p.startsWith("scm/")).findFirst().orElse(null);
        Object ssh = config.fetch("ssh_options", Map.of());
        boolean forward = ssh instanceof Map<?, ?> m && truthy(m.get("forward_agent"));
        String deployTo;
        try {
            deployTo = config.fetchString("deploy_to");
        } catch (RuntimeException e) {
            deployTo = null; // shown as a failed deploy_to check
        }
        List<String> tools = new java.util.ArrayList<>(RequiredTools.of(plugins, config));
        boolean services = plugins.contains("services");
        List<String> serviceSudo = services ? serviceSudo(config) : List.of();
        if ((scan.sudo() || !scan.asUsers().isEmpty() || !serviceSudo.isEmpty()) && !tools.contains("sudo")) tools.add("sudo");
        Map<String, String> gitEnv = new java.util.TreeMap<>();
        if (config.fetch("git_environmental_variables") instanceof Map<?, ?> env) {
            env.forEach((k, v) -> gitEnv.put(String.valueOf(k).toUpperCase(java.util.Locale.ROOT), String.valueOf(v)));
        }
        return new DoctorSettings(deployTo, config.fetchString("repo_url"), scm, gitEnv, List.copyOf(tools), forward,
                List.copyOf(scan.asUsers()), scan.sudo(), config.fetchInt("doctor_min_free_mb", 512),
                config.fetchInt("doctor_max_clock_skew", 30), serviceSudo,
                user -> serviceSudo.isEmpty() ? List.<String>of() : dev.capstan.deploy.service.ServicesPlugin.sudoersLines(config, user),
                "scm/artifact".equals(scm) ? ArtifactReach.of(config) : null);
    }

    /** The systemd services' sudo commands; none when a service line is bad (the configuration check names it). */
    private static List<String> serviceSudo(Configuration config) {
        try {
            return dev.capstan.deploy.service.ServicesPlugin.sudoCommands(config);
        } catch (dev.capstan.config.ConfigException e) {
            return List.of();
        }
    }

    /** {@code forward_agent} for this host: its own ssh_options win over the stage's. */
    boolean forwardAgent(Host host) {
        Object own = host.getSshOptions().get("forward_agent");
        return own == null ? forwardAgent : truthy(own);
    }

    private static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v) && !"false".equals(String.valueOf(v));
    }
}
