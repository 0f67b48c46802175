package dev.capstan.remote;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses host strings the way SSHKit 1.22+ does, including the IPv6 forms 1.21 gets wrong. */
final class HostString {
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.%a-zA-Z]+)](?::(\\d+))?");
    private static final Pattern BARE_V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");
    private static final Pattern NAME_PORT = Pattern.compile("([^:\\s\\[\\]@]+)(?::(\\d+))?");

    private HostString() {}

    static Host parse(String spec) {
        if (spec == null || spec.isBlank()) throw new UnparsableHostException(String.valueOf(spec));
        String rest = spec.trim();
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (user.isEmpty()) throw new UnparsableHostException(spec);
        }
        Matcher m = BRACKETED.matcher(rest);
        if (m.matches()) return build(m.group(1), m.group(2), user);
        if (BARE_V6.matcher(rest).matches()) {
            return build(rest, null, user); // bare IPv6 address, no port possible
        }
        m = NAME_PORT.matcher(rest);
        if (m.matches()) return build(m.group(1), m.group(2), user);
        throw new UnparsableHostException(spec);
    }

    private static Host build(String name, String port, String user) {
        return new Host(name, port == null ? null : Integer.valueOf(port), user, Set.of(), Map.of(), Map.of());
    }

    /** A host string that is not {@code [user@]host[:port]}. */
    static final class UnparsableHostException extends IllegalArgumentException {
        UnparsableHostException(String spec) { super("Cannot parse host string " + spec); }
    }
}
