package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.event.Event;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hides secrets in any text about to be shown: secret values (asked again by {@link #refresh} before each
 * event, since values appear during a run, e.g. after an {@code ask}) and passwords inside URLs ({@link UrlPasswords}).
 */
public final class Masker {
    public static final String MASK = "[REDACTED]";
    /** Shorter values would mask ordinary text everywhere (a secret "1" would hide every digit). */
    static final int MIN_LENGTH = 3;

    private final Supplier<Collection<String>> secrets;
    private volatile List<String> values = List.of();
    /** The secret values {@link #values} were made from. */
    private volatile Collection<String> source;

    public Masker(Supplier<Collection<String>> secrets) {
        this.secrets = secrets == null ? List::of : secrets;
        refresh();
    }

    /** Reads the secret values again (longest first, so a secret containing another is hidden whole). */
    void refresh() {
        Collection<String> now = secrets.get();
        if (now != null && now.equals(source)) return;
        source = now;
        values = now == null ? List.of() : now.stream().filter(Objects::nonNull).filter(s -> s.length() >= MIN_LENGTH)
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String mask(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : values) out = out.replace(s, MASK);
        return UrlPasswords.mask(out, MASK);
    }

    /** The same event with every shown text masked. */
    Event mask(Event e) {
        if (e instanceof Event.RunStarted r) return new Event.RunStarted(r.at(), mask(r.commandLine()));
        if (e instanceof Event.CommandStarted s) return new Event.CommandStarted(s.at(), mask(s.command()), s.host());
        if (e instanceof Event.CommandOutput o) return new Event.CommandOutput(o.at(), mask(o.command()), o.host(), o.stream(), mask(o.line()));
        if (e instanceof Event.CommandFinished f) return new Event.CommandFinished(f.at(), mask(f.command()), f.host(), f.exitStatus(), f.duration());
        if (e instanceof Event.LogMessage m) return new Event.LogMessage(m.at(), m.host(), m.level(), mask(m.message()));
        if (e instanceof Event.HostFinished h && h.error() != null) {
            return new Event.HostFinished(h.at(), h.blockId(), h.host(), new MaskedError(mask(describe(h.error()))));
        }
        if (e instanceof Event.TransferProgress p) {
            return new Event.TransferProgress(p.at(), p.host(), p.transferId(), p.direction(), mask(p.name()), p.bytes(), p.total());
        }
        return e;
    }

    private Command mask(Command c) {
        return new Command(c.id(), c.name(), mask(c.summary()), mask(c.script()), mask(c.loggedScript()),
                c.verbosity(), c.raiseOnNonZero(), c.timeout());
    }

    static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A host's error as shown: its message, masked. */
    static final class MaskedError extends RuntimeException {
        MaskedError(String message) {
            super(message, null, false, false);
        }
    }
}
