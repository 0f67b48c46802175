package dev.capstan.remote.backend.ssh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * net-ssh's option names as Capistrano users write them in {@code ssh_options}: those Capstan already
 * behaves as are accepted, old aliases are renamed, and the rest are refused with what to do instead.
 */
final class NetSshOptions {
    /** Capstan behaves so already: it never prompts while connecting; keepalive is always on. */
    private static final Set<String> ALREADY = Set.of("non_interactive", "number_of_password_prompts", "password_prompt");

    private static final String ALGORITHMS = "Capstan negotiates Apache MINA SSHD's default algorithms (curve25519, aes-gcm, "
            + "chacha20, ed25519, rsa-sha2); remove this option";

    private static final Map<String, String> EXPLAINED = Map.ofEntries(
            Map.entry("global_known_hosts_file", "host keys are checked against user_known_hosts_file only (default ~/.ssh/known_hosts): "
                    + "point user_known_hosts_file at the global file, or add its lines to yours"),
            Map.entry("known_hosts", "give a file as user_known_hosts_file"),
            Map.entry("send_env", "variables are not sent through SSH's env request; use set 'default_env', [...] or with(...) { }"),
            Map.entry("set_env", "variables are not sent through SSH's env request; use set 'default_env', [...] or with(...) { }"),
            Map.entry("proxy", "use proxy_jump: 'user@bastion' (a comma list for several), or ProxyJump in ~/.ssh/config"),
            Map.entry("passphrase", "encrypted keys are read through ssh-agent: ssh-add the key first"),
            Map.entry("key_data", "give key files as keys: [...] or load them into ssh-agent"),
            Map.entry("verbose", "SSH-level logging is shown with --log-level trace"),
            Map.entry("logger", "SSH-level logging is shown with --log-level trace"),
            Map.entry("encryption", ALGORITHMS), Map.entry("hmac", ALGORITHMS), Map.entry("kex", ALGORITHMS),
            Map.entry("host_key", ALGORITHMS), Map.entry("append_all_supported_algorithms", ALGORITHMS),
            Map.entry("compression_level", "Capstan does not compress SSH traffic; remove this option"),
            Map.entry("host_name", "give the host's address in the server's host string"),
            Map.entry("host_key_alias", "give the host's address in the server's host string; known_hosts is looked up by it"),
            Map.entry("bind_address", "the local address is chosen by the system; remove this option"));

    private NetSshOptions() {}

    /** The options with net-ssh aliases renamed and no-op names dropped; an option that has no meaning here is refused. */
    static Map<String, Object> normalise(Map<String, ?> options) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            String why = EXPLAINED.get(key);
            if (why != null) throw new IllegalArgumentException("ssh option '" + key + "' has no meaning in Capstan: " + why);
            if (ALREADY.contains(key)) continue;
            switch (key) {
                case "paranoid" -> out.putIfAbsent("verify_host_key", v); // net-ssh's old name
                case "keepalive" -> {
                    if (!truthy(v)) throw new IllegalArgumentException("ssh option 'keepalive' cannot be turned off in Capstan: "
                            + "keepalives keep idle connections through firewalls; set keepalive_interval (seconds) instead");
                }
                case "compression" -> {
                    if (truthy(v) && !"none".equals(String.valueOf(v))) throw new IllegalArgumentException(
                            "ssh option 'compression' has no meaning in Capstan: it does not compress SSH traffic; remove it or set it to false");
                }
                default -> out.put(key, v);
            }
        }
        return out;
    }

    private static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v) && !"false".equals(String.valueOf(v));
    }
}
