package dev.capstan.remote.backend.ssh;

import java.util.Locale;

/** What to do with a host key that known_hosts does not vouch for ({@code verify_host_key}). */
public enum HostKeyPolicy {
    /** Refuse unknown and changed keys (the default, like OpenSSH's StrictHostKeyChecking yes). */
    ALWAYS,
    /** Record unknown keys in known_hosts; refuse changed ones. */
    ACCEPT_NEW,
    /** Check nothing. Only for throw-away hosts. */
    NEVER;

    /** Parses net-ssh and OpenSSH spellings: always/accept_new/never, yes/accept-new/no, true/false. */
    public static HostKeyPolicy parse(Object value) {
        String v = String.valueOf(value).trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (v) {
            case "always": case "yes": case "true": case "strict": case "secure": return ALWAYS; // secure: net-ssh's old name
            case "accept_new": case "accept_new_or_local_tunnel": case "very": return ACCEPT_NEW; // very: net-ssh's old paranoid value
            case "never": case "no": case "false": case "off": return NEVER;
            default: throw new IllegalArgumentException("verify_host_key must be 'always', 'accept_new' or 'never', not '" + value + "'");
        }
    }

    public String optionValue() { return name().toLowerCase(Locale.ROOT); }
}
