package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import dev.capstan.config.Lazy;
import dev.capstan.config.Variable;
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
public class Dsl extends PathWords {
    final Configuration config;
    final TaskRegistry tasks;
    final PluginInstaller plugins;
    final ScriptLocations locations;
    final CommandLineEnv env;
    private final List<String> namespaces = new ArrayList<>();
    private String pendingDescription;
    /** While the files load, a variable given on the command line is not overwritten by their {@code set}. */
    private boolean loading = true;

    Dsl(Configuration config, TaskRegistry tasks, PluginInstaller plugins, ScriptLocations locations, CommandLineEnv env) {
        this.config = config;
        this.tasks = tasks;
        this.plugins = plugins;
        this.locations = locations;
        this.env = env;
    }

    @Override
    Configuration config() { return config; }

    /** Hooks inside a namespace naming a task not defined yet: resolved once every file is read (as Rake looks up at run time). */
    private final List<Runnable> deferredHooks = new ArrayList<>();

    void loaded() {
        loading = false;
        deferredHooks.forEach(Runnable::run);
        deferredHooks.clear();
    }

    // ---- variables ----------------------------------------------------------------------------

    public void set(String key, Object value) {
        if (givenOnCommandLine(key)) return;
        config.set(key, key.equals("command_map") ? CommandMapWords.checked(value, locations.here()) : lazy(value));
        config.origin(key, locations.here());
    }

    public void set(String key, Closure<?> value) { set(key, (Object) value); }

    /** {@code env('BRANCH')}: a {@code BRANCH=v1} argument, else the process environment (Capistrano's ENV). */
    public String env(String name) { return env.get(name); }

    public String env(String name, String fallback) {
        String v = env.get(name);
        return v == null ? fallback : v;
    }

    /** {@code command_map['rake'] = 'bundle exec rake'}, {@code command_map.prefix['rake'].push('bundle exec')}. */
    public CommandMapWords getCommand_map() { return new CommandMapWords(config, locations); }

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
        if (!echo) config.secret(key);
        String given = env.answer(key);
        if (given != null) {
            // KEY=value on the command line, or KEY in the environment, answers without asking
            if (!env.arguments().containsKey(key)) config.set(key, given);
            return;
        }
        Object prompt = options.get("prompt");
        config.ask(key, defaultValue, prompt == null ? null : String.valueOf(prompt), echo);
        config.origin(key, locations.here());
    }

    public void ask(Map<String, ?> options, String key) { ask(options, key, null); }

    public void ask(String key, Object defaultValue) { ask(Map.of(), key, defaultValue); }

    public void ask(String key) { ask(Map.of(), key, null); }

    /** {@code variable 'smtp_host', 'Where mail goes'}: declares a variable of your own tasks (no "unknown variable" warning). */
    public void variable(String name, String doc) { config.declare(Variable.any(name, null, doc)); }

    /** {@code variable 'retries', 'How often', type: 'integer', min: 1} (types: text, integer, boolean, list, map, any). */
    public void variable(Map<String, ?> options, String name, String doc) {
        Variable.Type type;
        try {
            type = Variable.Type.valueOf(String.valueOf(options.get("type") == null ? "any" : options.get("type")).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DslException("variable '" + name + "': unknown type '" + options.get("type") + "' (text, integer, boolean, list, map, any)");
        }
        if (options.get("choices") != null) type = Variable.Type.CHOICE;
        Object min = options.get("min");
        config.declare(new Variable(name, type, options.get("default"), doc, false, strings(options.get("choices")),
                min == null ? null : Integer.valueOf(String.valueOf(min))));
    }

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

    /** {@code service 'web', role: 'app', type: 'unicorn'}: see {@link ServiceWords}. */
    public void service(Map<String, ?> options, String name) { ServiceWords.service(config, tasks, name, options, locations.here()); }

    /** {@code health 'web', http: 'http://127.0.0.1:8080/up', expect: 200}: see {@link ServiceWords}. */
    public void health(Map<String, ?> options, String name) { ServiceWords.health(config, name, options, locations.here()); }

    // ---- servers and roles --------------------------------------------------------------------

    public void server(Map<String, ?> properties, String host) {
        if (!properties.containsKey("port")) {
            config.servers().server(host, properties);
            return;
        }
        Map<String, Object> rest = copy(properties);
        Object port = rest.remove("port");
        config.servers().server(HostStrings.withPort(host, port), rest);
    }

    public void server(String host) { server(Map.of(), host); }

    public void role(Map<String, ?> properties, String role, Object hosts) {
        config.servers().role(role, strings(hosts), properties);
    }

    public void role(String role, Object hosts) { role(Map.of(), role, hosts); }

    /** {@code roles('web', 'app')}, {@code roles(['web', 'app'])} (flattened, as Capistrano's {@code roles(%w{web app})}). */
    public List<Host> roles(Map<String, ?> filter, Object... names) { return config.servers().roles(flat(names), filter); }

    public List<Host> roles(Object... names) { return roles(Map.of(), names); }

    public List<Host> release_roles(Object... names) { return config.servers().releaseRoles(flat(names)); }

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

    /** {@code task('deploy:default', deps: ['notify'])}: a task that only has prerequisites (Rake's {@code task x: :y}). */
    public void task(Map<String, ?> options, String name) { task(options, name, null); }

    public void before(String task, String hook) { hook(task, hook, true); }

    public void before(String task, String hook, Closure<?> body) {
        task(hook, body);
        before(task, hook);
    }

    public void after(String task, String hook) { hook(task, hook, false); }

    private void hook(String task, String hook, boolean before) {
        String where = locations.here();
        java.util.function.Supplier<String> t = resolver(task);
        java.util.function.Supplier<String> h = resolver(hook);
        Runnable register = () -> {
            if (before) tasks.before(t.get(), h.get(), where);
            else tasks.after(t.get(), h.get(), where);
        };
        boolean unknownYet = !namespaces.isEmpty() && (!hook.contains(":") && tasks.find(qualify(hook)).isEmpty() && tasks.find(hook).isEmpty()
                || !task.contains(":") && tasks.find(qualify(task)).isEmpty() && tasks.find(task).isEmpty());
        if (unknownYet && loading) deferredHooks.add(register);
        else register.run();
    }

    /** {@link #resolve} now or later, in the namespace of the declaration. */
    private java.util.function.Supplier<String> resolver(String name) {
        if (namespaces.isEmpty() || name.contains(":")) return () -> name;
        String q = qualify(name);
        return () -> tasks.find(q).isPresent() || tasks.find(name).isEmpty() ? q : name;
    }

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

    private boolean givenOnCommandLine(String key) {
        if (!loading || !env.arguments().containsKey(key)) return false;
        String where = locations.here();
        env.notices().accept(key + "=" + env.arguments().get(key) + " from the command line overrides the set"
                + (where == null ? "" : " at " + where));
        return true;
    }

    private static List<String> flat(Object[] names) {
        List<String> out = new ArrayList<>();
        for (Object n : names) out.addAll(strings(n));
        return out;
    }

    /** A name defined inside {@code namespace 'deploy'} is {@code deploy:name}. */
    private String qualify(String name) {
        return namespaces.isEmpty() ? name : String.join(":", namespaces) + ":" + name;
    }

    /** A task reference: qualified inside a namespace when such a task exists, else as written. */
    private String resolve(String name) { return resolver(name).get(); }

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
