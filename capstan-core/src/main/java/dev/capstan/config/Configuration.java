package dev.capstan.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The variables of one run ({@code set}/{@code fetch}), its servers and roles, and its host filters.
 * Passed explicitly to everything that needs it: there is no global configuration.
 * Thread-safe: task bodies on many hosts fetch at once.
 */
public final class Configuration {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> secretKeys = new LinkedHashSet<>();
    /** Values plain lazy secrets had when fetched: masking never evaluates one (it could run anything). */
    private final Map<String, Set<String>> fetchedSecrets = new LinkedHashMap<>();
    private final Map<String, Variable> declared = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final ServerList servers = new ServerList();
    private final HostFilters filters = new HostFilters();
    private Prompter prompter = Prompter.NONE;
    private Consumer<String> onSet = key -> {};

    public ServerList servers() { return servers; }

    public HostFilters filters() { return filters; }

    public void prompter(Prompter p) { this.prompter = p; }

    public Prompter prompter() { return prompter; }

    /** Called with each key as it is set ({@code --print-config-variables}). */
    public void onSet(Consumer<String> listener) { this.onSet = listener; }

    /** Sets a value; a {@link Lazy} is evaluated at each fetch. */
    public void set(String key, Object value) {
        synchronized (this) {
            values.put(key, value);
        }
        onSet.accept(key);
    }

    /** The value, evaluated if lazy; null when not set. */
    public Object fetch(String key) {
        return fetch(key, null);
    }

    /** The value, or {@code fallback} (itself evaluated if lazy) when the key is not set. */
    public Object fetch(String key, Object fallback) {
        Object v;
        boolean present;
        boolean secret;
        synchronized (this) {
            present = values.containsKey(key);
            v = values.get(key);
            secret = secretKeys.contains(key);
        }
        Object value = evaluate(present ? v : fallback);
        if (secret && value != null && present && v instanceof Lazy && !(v instanceof Question) && !(v instanceof Lazy.Once)) {
            synchronized (this) {
                fetchedSecrets.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(texts(value));
            }
        }
        return value;
    }

    /** The value as text, or null. */
    public String fetchString(String key) {
        Object v = fetch(key);
        return v == null ? null : String.valueOf(v);
    }

    /** The value as text; an error naming the variable when it is not set. */
    public String require(String key) {
        Object v = fetch(key);
        if (v == null || String.valueOf(v).isEmpty()) {
            throw new ConfigException("variable '" + key + "' is not set: add  set '" + key + "', '...'  to config/deploy.groovy");
        }
        return String.valueOf(v);
    }

    /** The value as a list of strings (a single value is a one-element list; null is empty). */
    public List<String> fetchList(String key) {
        Object v = fetch(key);
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) c.forEach(x -> out.add(String.valueOf(x)));
        else if (v instanceof Object[] arr) for (Object x : arr) out.add(String.valueOf(x));
        else if (v != null) out.add(String.valueOf(v));
        return out;
    }

    public int fetchInt(String key, int fallback) {
        Object v = fetch(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("variable '" + key + "' must be a whole number, not '" + v + "'");
        }
    }

    public boolean fetchBoolean(String key, boolean fallback) {
        Object v = fetch(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        return Boolean.parseBoolean(String.valueOf(v));
    }

    /** Sets the value only when the key is absent (a key set to null is present, as in Capistrano). */
    public void setIfEmpty(String key, Object value) {
        boolean absent;
        synchronized (this) {
            absent = !values.containsKey(key);
            if (absent) values.put(key, value);
        }
        if (absent) onSet.accept(key);
    }

    /** Appends to a list variable, creating it (evaluates a lazy list once, as Capistrano does). */
    public void append(String key, Object... more) {
        List<Object> list = new ArrayList<>(fetchRawList(key));
        list.addAll(List.of(more));
        set(key, list);
    }

    public void remove(String key, Object... gone) {
        List<Object> list = new ArrayList<>(fetchRawList(key));
        list.removeAll(List.of(gone));
        set(key, list);
    }

    public synchronized void delete(String key) { values.remove(key); }

    public synchronized boolean isSet(String key) { return values.containsKey(key); }

    public synchronized Set<String> keys() { return new LinkedHashSet<>(values.keySet()); }

    /** Capistrano's {@code any?}: false for null and empty collections/strings, true otherwise. */
    public boolean any(String key) {
        Object v = fetch(key);
        if (v == null) return false;
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        if (v instanceof CharSequence s) return s.length() > 0;
        return true;
    }

    /** {@code ask}: the value is asked for on first fetch; {@code echo: false} hides the answer and marks it secret. */
    public void ask(String key, Object defaultValue, String prompt, boolean echo) {
        set(key, new Question(key, defaultValue, prompt, echo, (p, e) -> prompter.ask(p, e)));
        if (!echo) secret(key);
    }

    /** Marks a variable secret: its value is masked in every output and log. */
    public synchronized void secret(String key) { secretKeys.add(key); }

    public synchronized boolean isSecret(String key) { return secretKeys.contains(key); }

    /**
     * Values of secret variables known so far: never asks a question or evaluates a lazy value to find one (a
     * plain lazy secret counts with the values its fetches returned). A list or map also counts element by element.
     */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>();
        List<Object> secrets = new ArrayList<>();
        synchronized (this) {
            // asked before every event shown: walk the few secret names, not every variable
            for (String key : secretKeys) {
                Object v = values.get(key);
                if (v instanceof Lazy && !(v instanceof Question) && !(v instanceof Lazy.Once)) out.addAll(fetchedSecrets.getOrDefault(key, Set.of()));
                else if (values.containsKey(key)) secrets.add(v == null ? "" : v);
            }
        }
        for (Object v : secrets) {
            if (v instanceof Question q && !q.isAsked()) continue;
            if (v instanceof Lazy.Once o && !o.isEvaluated()) continue;
            out.addAll(texts(evaluate(v)));
        }
        return out;
    }

    /** A value as the texts it may be shown as: itself, and each element of a list or value of a map. */
    private static List<String> texts(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) return out;
        String whole = String.valueOf(value);
        if (!whole.isEmpty()) out.add(whole);
        Collection<?> parts = value instanceof Collection<?> c ? c : value instanceof Map<?, ?> m ? m.values() : List.of();
        for (Object p : parts) if (p != null && !String.valueOf(p).isEmpty()) out.add(String.valueOf(p));
        return out;
    }
    /** Declares a variable of the project's own tasks ({@code variable 'name', 'doc'}), so the check knows it. */
    public synchronized void declare(Variable variable) { declared.put(variable.name(), variable); }

    /** The project's own declarations (plugins declare theirs in {@code Plugin.variables()}). */
    public synchronized List<Variable> declared() { return List.copyOf(declared.values()); }
    /** Records where a variable was last set ({@code config/deploy.groovy:4}, {@code default of plugin 'deploy'}), for doctor. */
    public synchronized void origin(String key, String where) {
        if (where != null) origins.put(key, where);
    }

    /** Where the variable was last set, or null when nobody said. */
    public synchronized String originOf(String key) { return origins.get(key); }

    /** The raw (unevaluated) value, for listings that must not ask questions. */
    public synchronized Object raw(String key) { return values.get(key); }

    private List<?> fetchRawList(String key) {
        Object v = fetch(key);
        if (v == null) return List.of();
        if (v instanceof Collection<?> c) return new ArrayList<>(c);
        return List.of(v);
    }

    private static Object evaluate(Object v) {
        Object current = v;
        for (int depth = 0; current instanceof Lazy lazy; depth++) {
            if (depth > 100) throw new ConfigException("a lazy value keeps returning lazy values");
            current = lazy.evaluate();
        }
        return current;
    }
}
