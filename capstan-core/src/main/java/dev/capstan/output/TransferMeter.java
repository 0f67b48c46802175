package dev.capstan.output;

import dev.capstan.remote.Host;
import dev.capstan.remote.event.Event;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The transfers under way, as the live status line shows them: a download onto this machine (a push deploy's fetch)
 * with its bytes, share, bar and rate, and the uploads of a block summed over its hosts. Uploads of unknown size are
 * left out (they would never reach 100%); finished uploads stay in the sum until their block ends.
 */
final class TransferMeter {
    private static final int BAR = 20;

    /** One transfer as it stands; {@code startedNanos} is when its first report came, {@code first} whether this is it. */
    record Transfer(Host host, String name, long startedNanos, long bytes, long total, boolean first) {
        boolean done() { return bytes == total; }

        Transfer next(Event.TransferProgress p) {
            return new Transfer(host, name, startedNanos, p.bytes(), p.total(), false);
        }

        static Transfer first(Event.TransferProgress p, long now) {
            return new Transfer(p.host(), p.name(), now, p.bytes(), p.total(), true);
        }
    }

    private final Map<String, Transfer> fetches = new LinkedHashMap<>();
    private final Map<String, Transfer> uploads = new LinkedHashMap<>();

    /** A download onto this machine (not from one of the hosts). */
    static boolean isFetch(Event.TransferProgress p) {
        return p.direction() == Event.Direction.DOWNLOAD && Host.LOCAL.equals(p.host().getHostname());
    }

    /** Records a report; returns the fetch it belongs to (null for anything else), removed from the line once done. */
    Transfer update(Event.TransferProgress p, long now) {
        if (isFetch(p)) {
            Transfer before = fetches.get(p.transferId());
            Transfer t = before == null ? Transfer.first(p, now) : before.next(p);
            if (t.done()) fetches.remove(p.transferId());
            else fetches.put(p.transferId(), t);
            return t;
        }
        if (p.direction() == Event.Direction.UPLOAD && p.total() >= 0) {
            Transfer before = uploads.get(p.transferId());
            uploads.put(p.transferId(), before == null ? Transfer.first(p, now) : before.next(p));
        }
        return null;
    }

    /** The block's uploads are over (whether they all got to the end or not). */
    void blockEnded() {
        uploads.clear();
    }

    /** A task ended: whatever it left unfinished (a fetch cut short) leaves the line. */
    void clear() {
        fetches.clear();
        uploads.clear();
    }

    /** {@code Downloading shop.tgz  [======>             ]  34%  1.7 MB / 5.0 MB  2.1 MB/s}; null when nothing moves. */
    String live(long now) {
        StringBuilder s = new StringBuilder();
        for (Transfer t : fetches.values()) {
            append(s, "Downloading " + fileName(t.name()), t.bytes(), t.total(), t.startedNanos(), now);
        }
        if (!uploads.isEmpty()) {
            long bytes = 0;
            long total = 0;
            long started = Long.MAX_VALUE;
            Set<Host> hosts = new LinkedHashSet<>();
            for (Transfer t : uploads.values()) {
                bytes += t.bytes();
                total += t.total();
                started = Math.min(started, t.startedNanos());
                hosts.add(t.host());
            }
            append(s, "Uploading to " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts"), bytes, total, started, now);
        }
        return s.length() == 0 ? null : s.toString();
    }

    /** {@code Downloading https://example.com/shop.tgz (5.0 MB)}, or without the size when the server gave none. */
    static String startLine(Transfer t) {
        return "Downloading " + t.name() + (t.total() < 0 ? "" : " (" + size(t.total()) + ")");
    }

    /** {@code Downloaded https://example.com/shop.tgz  5.0 MB  100%  in 2.4 s (2.1 MB/s)}. */
    static String endLine(Transfer t, long now) {
        double seconds = Math.max(1_000_000L, now - t.startedNanos()) / 1e9;
        return "Downloaded " + t.name() + "  " + size(t.bytes()) + "  100%  in " + String.format(Locale.ROOT, "%.1f s", seconds)
                + " (" + size((long) (t.bytes() / seconds)) + "/s)";
    }

    private static void append(StringBuilder s, String what, long bytes, long total, long started, long now) {
        if (s.length() > 0) s.append(" · ");
        s.append(what).append("  ");
        if (total > 0) {
            int pct = (int) Math.min(100, bytes * 100 / total);
            int filled = (int) Math.min(BAR, bytes * BAR / total);
            s.append('[').append("=".repeat(filled)).append(filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "").append("]  ")
                    .append(pct).append("%  ").append(size(bytes)).append(" / ").append(size(total));
        } else {
            s.append(size(bytes));
        }
        s.append("  ").append(rate(bytes, started, now));
    }

    private static String rate(long bytes, long started, long now) {
        long nanos = now - started;
        return nanos < 100_000_000L ? "– MB/s" : size((long) (bytes / (nanos / 1e9))) + "/s";
    }

    /** Decimal units, one decimal: {@code 512 B}, {@code 4.2 kB}, {@code 52.4 MB}, {@code 1.1 GB}. */
    static String size(long bytes) {
        if (bytes < 1000) return bytes + " B";
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String fileName(String name) {
        String s = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
