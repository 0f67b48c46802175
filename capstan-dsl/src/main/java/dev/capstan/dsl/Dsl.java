package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import dev.capstan.config.Lazy;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskRegistry;
import groovy.lang.Closure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of Capfile, config/deploy.groovy, stage files and task files. Each is a plain method; Groovy
 * passes named arguments as a Map in first position. Task bodies run with {@link TaskScope} as delegate,
 * which adds the words that need a running task ({@code on}, {@code invoke}, {@code run_locally}).
 */
public class Dsl {
    final Configuration config;
    final TaskRegistry tasks;
    final PluginInstaller plugins;
    final ScriptLocations locations;
    private final List<String> namespaces = new ArrayList<>();
    private String pendingDescription;

    Dsl(Configuration config, TaskRegistry tasks, PluginInstaller plugins, ScriptLocations locations) {
        this.config = config;
        this.tasks = tasks;
        this.plugins = plugins;
        this.locations = locations;
    }

    // ---- variables ----------------------------------------------------------------------------

    public void set(String key, Object value) {
        config.set(key, lazy(value));
        config.origin(key, locations.here());
    }

    public void set(String key, Closure<?> value) { set(key, (Object) value); }

    public Object fetch(String key) { return config.fetch(key); }

    public Object fetch(String key, Object fallback) { return config.fetch(key, lazy(fallback)); }

    public Object fetch(String key, Closure<?> fallback) { return config.fetch(key, lazy(fallback)); }

    public void set_if_empty(String key, Object value) {
        if (!config.isSet(key)) config.origin(key, locations.here());
        config.setIfEmpty(key, lazy(value));
    }

    public void append(String key, Object... values) {
        config.append(key, values);
        config.origin(key, locations.here());
    }

    public void remove(String key, Object... values) { config.remove(key, values); }

    public void delete(String key) { config.delete(key); }

    public boolean any(String key) { return config.any(key); }

    /** {@code ask 'branch', 'main'}, {@code ask 'password', null, echo: false, prompt: 'DB password'}. */
    public void ask(Map<String, ?> options, String key, Object defaultValue) {
        boolean echo = !Boolean.FALSE.equals(options.get("echo"));
        Object prompt = options.get("prompt");
        config.ask(key, defaultValue, prompt == null ? null : String.valueOf(prompt), echo);
        config.origin(key, locations.here());
    }

    public void ask(Map<String, ?> options, String key) { ask(options, key, null); }

    public void ask(String key, Object defaultValue) { ask(Map.of(), key, defaultValue); }

    public void ask(String key) { ask(Map.of(), key, null); }

    /**
     * Marks a variable secret: masked in every output and log. Returns a lazy reference to its value, so
     * {@code notify 'slack', webhook: secret('slack_webhook')} reads it only when the notifier runs.
     */
    public Lazy secret(String key) {
        config.secret(key);
        return () -> config.fetch(key);
    }

    /** {@code once { ... }}: a lazy value computed on the first fetch only. */
    public Lazy once(Closure<?> body) { return Lazy.once(body::call); }

    /** {@code notify 'webhook', url: '...', on: ['deploy:finished']}: see {@link NotifyWords}. */
    public void notify(Map<String, ?> options, String type) { NotifyWords.declare(config, type, options, locations.here()); }

    public void notify(String type) { notify(Map.of(), type); }

    // ---- servers and roles --------------------------------------------------------------------

    public void server(Map<String, ?> properties, String host) { config.servers().server(host, properties); }

    public void server(String host) { server(Map.of(), host); }

    public void role(Map<String, ?> properties, String role, Object hosts) {
        config.servers().role(role, strings(hosts), properties);
    }

    public void role(String role, Object hosts) { role(Map.of(), role, hosts); }

    public List<Host> roles(Map<String, ?> filter, String... names) { return config.servers().roles(List.of(names), filter); }

    public List<Host> roles(String... names) { return roles(Map.of(), names); }

    public List<Host> release_roles(String... names) { return config.servers().releaseRoles(List.of(names)); }

    public Host primary(String role) { return config.servers().primary(role); }

    // ---- plugins ------------------------------------------------------------------------------

    /** {@code use 'deploy'}, {@code use 'scm/git'}: installs a plugin (its tasks and hooks now, its defaults after the Capfile). */
    public void use(String name) { plugins.install(name, locations.here()); }

    // ---- tasks --------------------------------------------------------------------------------

    public void desc(String description) { pendingDescription = description; }

    public void namespace(String name, Closure<?> body) {
        namespaces.add(name);
        try {
            body.setDelegate(this);
            body.setResolveStrategy(Closure.DELEGATE_FIRST);
            body.call();
        } finally {
            namespaces.remove(namespaces.size() - 1);
        }
    }

    public void task(String name, Closure<?> body) { task(Map.of(), name, body); }

    /** {@code task('restart', deps: ['deploy:check']) { ... }}. */
    public void task(Map<String, ?> options, String name, Closure<?> body) {
        String full = qualify(name);
        List<String> deps = strings(options.get("deps") == null ? options.get("prerequisites") : options.get("deps"))
                .stream().map(this::resolve).toList();
        String description = pendingDescription;
        pendingDescription = null;
        tasks.define(full, description, deps, body == null ? null : new ClosureAction(body, this), locations.here());
    }

    public void task(String name) { task(Map.of(), name, null); }

    public void before(String task, String hook) { tasks.before(resolve(task), resolve(hook), locations.here()); }

    public void before(String task, String hook, Closure<?> body) {
        task(hook, body);
        before(task, hook);
    }

    public void after(String task, String hook) { tasks.after(resolve(task), resolve(hook), locations.here()); }

    public void after(String task, String hook, Closure<?> body) {
        task(hook, body);
        after(task, hook);
    }

    public void clear_actions(String task) { tasks.clearActions(resolve(task)); }

    public void clear(String task) { tasks.clear(resolve(task)); }

    /** Outside a task, {@code execute} has no host: say how to fix it instead of Groovy's MissingMethodException. */
    public Object execute(Object... args) {
        throw new DslException("`execute' should be wrapped in an `on' block, e.g. on(roles('app')) { execute 'ls' }");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A name defined inside {@code namespace 'deploy'} is {@code deploy:name}. */
    private String qualify(String name) {
        return namespaces.isEmpty() ? name : String.join(":", namespaces) + ":" + name;
    }

    /** A task reference: qualified inside a namespace when such a task exists, else as written. */
    private String resolve(String name) {
        if (namespaces.isEmpty() || name.contains(":")) return name;
        String q = qualify(name);
        return tasks.find(q).isPresent() || tasks.find(name).isEmpty() ? q : name;
    }

    static Object lazy(Object value) {
        if (value instanceof Closure<?> c) return (Lazy) c::call;
        return value;
    }

    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) return out;
        if (value instanceof Collection<?> c) c.forEach(x -> out.add(String.valueOf(x)));
        else if (value instanceof Object[] a) for (Object x : a) out.add(String.valueOf(x));
        else out.add(String.valueOf(value));
        return out;
    }

    static Map<String, Object> copy(Map<String, ?> m) { return new LinkedHashMap<>(m); }
}
