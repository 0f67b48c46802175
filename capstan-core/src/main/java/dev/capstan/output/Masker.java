package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.event.Event;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Hides secrets in any text about to be shown: secret values in every form Capstan writes them ({@link SecretForms};
 * the values are asked again by {@link #refresh} before each event, since values appear during a run, e.g. after an
 * {@code ask}) and passwords inside URLs ({@link UrlPasswords}), which are then hidden wherever else they appear,
 * percent-decoded too. One pass over the text: at each character only the forms that start with it are tried.
 */
public final class Masker {
    public static final String MASK = "[REDACTED]";
    /** Shorter values would mask ordinary text everywhere (a secret "1" would hide every digit). */
    static final int MIN_LENGTH = 3;

    private final Supplier<? extends Collection<String>> secrets;
    /** Passwords found in URLs so far. */
    private final Set<String> urlPasswords = ConcurrentHashMap.newKeySet();
    private volatile FormIndex forms = FormIndex.EMPTY;
    /** The secret values {@link #forms} were made from. */
    private volatile Set<String> source = Set.of();

    public Masker(Supplier<? extends Collection<String>> secrets) {
        this.secrets = secrets == null ? List::of : secrets;
        refresh();
    }

    /** Reads the secret values again. */
    void refresh() {
        Collection<String> now = secrets.get();
        Set<String> values = new LinkedHashSet<>();
        if (now != null) for (String v : now) if (v != null && v.length() >= MIN_LENGTH) values.add(v);
        values.addAll(urlPasswords);
        if (values.equals(source)) return;
        synchronized (this) {
            Set<String> all = new LinkedHashSet<>();
            for (String v : values) all.addAll(SecretForms.of(v));
            forms = new FormIndex(all);
            source = values;
        }
    }

    public String mask(String text) {
        if (text == null) return null;
        return UrlPasswords.mask(forms.mask(text), MASK, this::foundUrlPassword);
    }

    /** A password seen in a URL is a secret from now on, also where it appears on its own (shell-escaped, decoded). */
    private void foundUrlPassword(String password) {
        boolean added = false;
        for (String p : List.of(password, SecretForms.unescaped(password))) {
            for (String v : List.of(p, SecretForms.percentDecoded(p))) {
                if (v.length() >= MIN_LENGTH) added |= urlPasswords.add(v);
            }
        }
        if (added) refresh();
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
                c.verbosity(), c.raiseOnNonZero(), c.timeout(), c.title() == null ? null : mask(c.title()), c.layout() == null ? null : mask(c.layout()), c.user());
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
