package dev.capstan.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one release a rollback switches the whole fleet to, decided from every host's listing: the release
 * before the newest one any host serves (so a fleet left mixed by a lost host comes back to one release), or
 * {@code ROLLBACK_RELEASE}. It must be a good release on every host; when it is not, or hosts disagree on
 * what came before, the rollback is refused with a hosts × release table before any host changes.
 */
record FleetRollback(String target, String from) {
    static FleetRollback choose(Map<String, ReleaseListing> hosts, String wanted) {
        Map<String, ReleaseListing> byHost = new TreeMap<>(hosts);
        if (wanted != null) {
            String newest = newestCurrent(byHost);
            requireEverywhere(byHost, wanted, "Cannot rollback because release " + wanted
                    + " is not a good release on every host (it does not exist or is unfinished)");
            return new FleetRollback(wanted, wanted.equals(newest) ? null : newest);
        }
        String newest = newestCurrent(byHost);
        if (newest == null) {
            throw new IllegalStateException("There are no older releases to rollback to: current does not point to a release on any host\n" + table(byHost, null));
        }
        Set<String> before = new TreeSet<>();
        for (ReleaseListing l : byHost.values()) {
            if (!newest.equals(l.current())) continue;
            String b = l.before(newest);
            before.add(b == null ? "" : b);
        }
        if (before.equals(Set.of(""))) {
            throw new IllegalStateException("There are no older releases to rollback to (current is " + newest + ")"
                    + (byHost.size() > 1 ? "\n" + table(byHost, null) : ""));
        }
        if (before.size() > 1) {
            throw new IllegalStateException("Cannot rollback: the hosts on " + newest + " disagree on the release before it ("
                    + String.join(", ", before.stream().map(b -> b.isEmpty() ? "none" : b).toList())
                    + "); name one with ROLLBACK_RELEASE=...\n" + table(byHost, null));
        }
        String target = before.iterator().next();
        requireEverywhere(byHost, target, "Cannot rollback to " + target + " (the release before " + newest + "): not a good release on every host");
        return new FleetRollback(target, newest);
    }

    /** The newest release any host's current points to (the one the last run published). */
    private static String newestCurrent(Map<String, ReleaseListing> hosts) {
        String newest = null;
        for (ReleaseListing l : hosts.values()) {
            String c = l.current();
            if (c == null) continue;
            if (newest == null || later(l, c, newest)) newest = c;
        }
        return newest;
    }

    /** {@code a} came after {@code b}: by revisions.log on this host when it names both, else by name. */
    private static boolean later(ReleaseListing l, String a, String b) {
        int ia = l.deployed().lastIndexOf(a);
        int ib = l.deployed().lastIndexOf(b);
        return ia >= 0 && ib >= 0 ? ia > ib : a.compareTo(b) > 0;
    }

    private static void requireEverywhere(Map<String, ReleaseListing> hosts, String release, String message) {
        boolean everywhere = hosts.values().stream().allMatch(l -> l.good().contains(release));
        if (!everywhere) throw new IllegalStateException(message + "; no host was changed\n" + table(hosts, release));
    }

    /** Hosts × current release (and whether each has {@code release}). */
    static String table(Map<String, ReleaseListing> hosts, String release) {
        FleetTable t = new FleetTable();
        hosts.forEach((h, l) -> {
            String current = l.current() == null ? "(none)" : l.current();
            if (release == null) t.row(h, current, String.join(" ", l.good()));
            else t.row(h, current, l.state(release));
        });
        return release == null ? t.render("HOST", "CURRENT", "GOOD RELEASES") : t.render("HOST", "CURRENT", release);
    }
}
