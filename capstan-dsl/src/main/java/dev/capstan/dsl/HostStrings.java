package dev.capstan.dsl;

import dev.capstan.remote.Host;

/** {@code server 'host', port: 2222}: Capistrano's port property, folded into the host string (the property wins). */
final class HostStrings {
    private HostStrings() {}

    static String withPort(String hostString, Object port) {
        int number;
        try {
            number = port instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(port).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server " + hostString + ": port must be a whole number, not '" + port + "'");
        }
        if (number < 1 || number > 65535) throw new IllegalArgumentException("server " + hostString + ": port " + number + " is not between 1 and 65535");
        Host h = Host.parse(hostString);
        String name = h.getHostname().contains(":") ? "[" + h.getHostname() + "]" : h.getHostname();
        return (h.getUser() == null ? "" : h.getUser() + "@") + name + ":" + number;
    }
}
