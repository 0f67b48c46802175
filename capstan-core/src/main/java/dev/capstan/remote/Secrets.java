package dev.capstan.remote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The secret values of one run: those a source knows (the configuration's secret variables, asked again each
 * time since an {@code ask} answer appears mid-run) plus values learned as the run goes ({@code redact(...)}
 * arguments, a URL's password). Everything that shows text masks these; a {@code with} value found here is passed
 * to the shell literally. Thread-safe.
 */
public final class Secrets {
    private final Supplier<? extends Collection<String>> source;
    private final Set<String> learned = new LinkedHashSet<>();

    public Secrets(Supplier<? extends Collection<String>> source) {
        this.source = source == null ? List::of : source;
    }

    public static Secrets none() {
        return new Secrets(List::of);
    }

    /** Adds a value for the rest of the run (null and empty values are ignored). */
    public void add(Object value) {
        if (value == null) return;
        String s = String.valueOf(value);
        if (s.isEmpty()) return;
        synchronized (learned) {
            learned.add(s);
        }
    }

    /** Every secret value known now. */
    public List<String> values() {
        Collection<String> known = source.get();
        List<String> out = new ArrayList<>(known == null ? List.of() : known);
        synchronized (learned) {
            out.addAll(learned);
        }
        return out;
    }

    /** True when {@code value} is one of the secret values known now. */
    public boolean contains(Object value) {
        if (value == null) return false;
        String s = String.valueOf(value);
        if (s.isEmpty()) return false;
        synchronized (learned) {
            if (learned.contains(s)) return true;
        }
        Collection<String> known = source.get();
        return known != null && known.contains(s);
    }
}
