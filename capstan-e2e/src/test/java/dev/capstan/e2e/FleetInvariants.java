package dev.capstan.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** The invariants every fault case ends with, evaluated on what the hosts hold on disk and what the runs said. */
final class FleetInvariants {
    private FleetInvariants() {}

    /** Every host's current points to an existing, complete release. */
    static CaseCheck currentComplete(String name, List<ReleaseOnDisk> hosts) {
        String bad = hosts.stream().filter(h -> !h.complete()).map(h -> h.host() + ": " + h.problem()).collect(Collectors.joining("; "));
        return CaseCheck.of(name, bad.isEmpty(), bad.isEmpty() ? "complete on every host" : bad);
    }

    static boolean oneRelease(List<ReleaseOnDisk> hosts) {
        return hosts.stream().map(ReleaseOnDisk::current).distinct().count() == 1 && hosts.get(0).current() != null;
    }

    /** "h1 20261201202022, h2 20261201202019, ..." */
    static String where(List<ReleaseOnDisk> hosts) {
        return hosts.stream().map(h -> h.host() + " " + h.current()).collect(Collectors.joining(", "));
    }

    /**
     * True when {@code messages} tell the user the fleet is mixed: a line saying servers differ / are mixed, or a
     * hosts × release table (for every host, a line naming its address and the release its current points to).
     */
    static boolean saysMixed(List<String> messages, List<ReleaseOnDisk> hosts, List<FleetHost> fleet) {
        List<String> lines = messages.stream().filter(Objects::nonNull).flatMap(String::lines).toList();
        for (String l : lines) {
            String s = l.toLowerCase(Locale.ROOT);
            if (s.contains("mixed") || s.contains("differ") || s.contains("not every") || s.contains("inconsistent")) return true;
        }
        for (int i = 0; i < hosts.size(); i++) {
            String address = fleet.get(i).address, release = String.valueOf(hosts.get(i).current());
            if (lines.stream().noneMatch(l -> l.contains(address) && l.contains(release))) return false;
        }
        return true;
    }

    /** A lock refusal says who holds it (the holder's user, here {@code e2e}) and how to break it. */
    static boolean explainsLock(String output) {
        String s = output.toLowerCase(Locale.ROOT);
        return s.contains("lock") && s.contains("e2e") && (s.contains("deploy:unlock") || s.contains("force-unlock") || s.contains("force_unlock"));
    }

    static boolean refusedByLock(String output) {
        return output.toLowerCase(Locale.ROOT).contains("locked");
    }

    /** The hosts whose lock directory is there. */
    static List<String> locked(List<ReleaseOnDisk> hosts) {
        List<String> out = new ArrayList<>();
        for (ReleaseOnDisk h : hosts) if (h.locked()) out.add(h.host());
        return out;
    }

    /** The last lines of a command's output, on one line, for the table. */
    static String tail(String out, int lines) {
        List<String> l = out.lines().filter(x -> !x.isBlank()).toList();
        return String.join(" | ", l.subList(Math.max(0, l.size() - lines), l.size())).strip();
    }
}
