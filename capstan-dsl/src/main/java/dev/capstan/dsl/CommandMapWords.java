package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import groovy.lang.Closure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * SSHKit's {@code command_map} in the DSL: {@code command_map['rake'] = 'bundle exec rake'} and
 * {@code command_map.prefix['rake'].push('bundle exec')}. Entries live in the variables {@code command_map}
 * and {@code command_map_prefix}, which the run reads. A closure as an entry is called for each command.
 */
public final class CommandMapWords {
    private final Configuration config;
    private final ScriptLocations locations;

    CommandMapWords(Configuration config, ScriptLocations locations) {
        this.config = config;
        this.locations = locations;
    }

    @SuppressWarnings("unchecked")
    public void putAt(String name, Object value) {
        Map<String, Object> map = config.fetch("command_map") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        map.put(name, entry(name, value, locations.here()));
        config.set("command_map", map);
    }

    public Object getAt(String name) {
        return config.fetch("command_map") instanceof Map<?, ?> m ? m.get(name) : null;
    }

    /** The prefix lists by command name; {@code push} appends and {@code unshift} prepends, as in Ruby. */
    @SuppressWarnings("unchecked")
    public Map<String, Prefix> getPrefix() {
        Object current = config.fetch("command_map_prefix");
        if (current instanceof Prefixes p) return p;
        Prefixes p = new Prefixes();
        if (current instanceof Map<?, ?> m) m.forEach((k, v) -> p.get(String.valueOf(k)).addAll(Dsl.strings(v)));
        config.set("command_map_prefix", p);
        return p;
    }

    /** {@code set 'command_map', [...]}: closures become functions; a value that is no command is refused with file:line. */
    static Object checked(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) return Dsl.lazy(value);
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), entry(String.valueOf(k), v, where)));
        return out;
    }

    private static Object entry(String name, Object value, String where) {
        if (value instanceof Closure<?> c) {
            Function<String, String> f = n -> String.valueOf(c.getMaximumNumberOfParameters() > 0 ? c.call(n) : c.call());
            return f;
        }
        if (value instanceof CharSequence || value instanceof Function<?, ?>) return value;
        throw new DslException((where == null ? "" : where + ": ") + "command_map['" + name + "'] must be a string or a closure returning one, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** One command's prefix words. */
    public static final class Prefix extends ArrayList<String> {
        public Prefix push(Object word) { add(String.valueOf(word)); return this; }
        public Prefix unshift(Object word) { add(0, String.valueOf(word)); return this; }
    }

    /** Every command's prefixes; a name not seen yet gets an empty list (Ruby's Hash.new { [] }). */
    static final class Prefixes extends LinkedHashMap<String, Prefix> {
        @Override
        public Prefix get(Object key) { return computeIfAbsent(String.valueOf(key), k -> new Prefix()); }

        public Prefix getAt(String key) { return get(key); }
    }
}
