package dev.capstan.cli.console;

import dev.capstan.cli.adhoc.AdHocRun;
import dev.capstan.config.HostFilters;
import dev.capstan.remote.Host;
import dev.capstan.remote.RunMode;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** What the next console line runs on and how: the selected hosts, parallel or in sequence, the directory and the user. */
final class ConsoleState {
    private final String stage;
    private final List<Host> all;
    private volatile List<Host> selected;
    private boolean sequence;
    private String within;
    private String user;

    ConsoleState(String stage, List<Host> all, List<Host> selected) {
        this.stage = stage;
        this.all = List.copyOf(all);
        this.selected = List.copyOf(selected);
    }

    List<Host> all() { return all; }
    List<Host> selected() { return selected; }
    boolean isSelected(Host h) { return selected.contains(h); }

    /** {@code :hosts web1,web2} (names or regexes, {@code !name} excludes, {@code all}); the hosts now selected. */
    List<Host> selectHosts(String spec) {
        HostFilters f = new HostFilters();
        f.hosts(spec);
        return select(f);
    }

    /** {@code :roles web,db}; the hosts now selected. */
    List<Host> selectRoles(String spec) {
        HostFilters f = new HostFilters();
        f.roles(spec);
        return select(f);
    }

    private List<Host> select(HostFilters f) {
        List<Host> chosen = f.apply(all);
        if (!chosen.isEmpty()) selected = chosen;
        return chosen;
    }

    void sequence(boolean on) { sequence = on; }
    void within(String dir) { within = dir == null || dir.isBlank() ? null : dir.strip(); }
    void as(String who) { user = who == null || who.isBlank() ? null : who.strip(); }

    RunMode mode() { return sequence ? new RunMode.Sequence(Duration.ZERO) : RunMode.PARALLEL; }
    AdHocRun.Scope scope() { return new AdHocRun.Scope(within, user); }

    /** {@code qa web1,web2 (sequence) in /srv/app/current as deploy> }: where the next line goes, at a glance. */
    String prompt() {
        String names = selected.size() == all.size() && all.size() > 3 ? "all " + all.size() + " hosts"
                : selected.size() <= 3 ? selected.stream().map(Host::getHostname).collect(Collectors.joining(","))
                : selected.get(0).getHostname() + ",… (" + selected.size() + " hosts)";
        return stage + " " + names + (sequence ? " (sequence)" : "") + (within == null ? "" : " in " + within)
                + (user == null ? "" : " as " + user) + "> ";
    }
}
