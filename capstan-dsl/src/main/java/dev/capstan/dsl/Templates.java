package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import groovy.lang.Closure;
import groovy.text.StreamingTemplateEngine;
import groovy.text.Template;
import groovy.text.TemplateExecutionException;
import groovy.text.TemplateParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders Groovy templates ({@code ${...}}, {@code <% %>}) from the project directory with {@code host},
 * {@code fetch}, {@code release} and the caller's locals. A template is compiled once per run and rendered per
 * host. Every error names the template file and line; reading a variable that is not set is an error, not "null".
 */
final class Templates {
    /**
     * The engine resolves a call like {@code fetch('x')} only on methods, never on a closure in the binding; a local
     * variable holding the closure is callable. The prelude declares it on the template's first line, so line numbers
     * stay the template's own.
     */
    private static final String FETCH = "capstan_fetch";
    private static final String PRELUDE = "<% def fetch = " + FETCH + " %>";

    private final Path root;
    private final Map<Path, Template> compiled = new ConcurrentHashMap<>();

    Templates(Path root) {
        this.root = root;
    }

    /** @param host the host's view ({@link #hostView}), or null outside {@code on} */
    String render(String path, Configuration config, Map<String, Object> host, Map<?, ?> locals) {
        Path file = root == null ? Path.of(path) : root.resolve(path);
        Template t = compiled.computeIfAbsent(file, f -> compile(f, path));
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put(FETCH, new StrictFetch(config, path));
        binding.put("host", host);
        binding.put("release", release(config));
        if (locals != null) locals.forEach((k, v) -> binding.put(String.valueOf(k), v));
        try {
            return t.make(binding).toString();
        } catch (Exception e) { // the engine throws its checked TemplateExecutionException undeclared
            TemplateExecutionException at = find(e);
            Throwable cause = at != null && at.getCause() != null ? at.getCause() : e;
            String where = path + (at == null ? "" : ":" + at.getLineNumber());
            throw new DslException(where + ": " + describe(cause), e);
        }
    }

    /** {@code host} in a template: name, hostname, user, port, roles (sorted) and properties. */
    static Map<String, Object> hostView(dev.capstan.remote.Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.getHostname());
        m.put("hostname", h.getHostname());
        m.put("user", h.getUser());
        m.put("port", h.getPort());
        m.put("roles", h.getRoles().stream().sorted().toList());
        m.put("properties", h.getProperties());
        return m;
    }

    private static Template compile(Path file, String shown) {
        try {
            return new StreamingTemplateEngine(Templates.class.getClassLoader()).createTemplate(PRELUDE + Files.readString(file));
        } catch (TemplateParseException e) {
            throw new DslException(shown + ":" + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DslException("template " + shown + " cannot be read: " + e.getMessage(), e);
        } catch (ClassNotFoundException | RuntimeException e) {
            throw new DslException(shown + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> release(Configuration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", c.fetch("release_path"));
        m.put("timestamp", c.fetch("release_timestamp"));
        m.put("revision", c.fetch("current_revision"));
        m.put("previous_revision", c.fetch("previous_revision"));
        m.put("branch", c.fetch("branch"));
        return m;
    }

    private static TemplateExecutionException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TemplateExecutionException x) return x;
        }
        return null;
    }

    private static String describe(Throwable t) {
        if (t instanceof groovy.lang.MissingPropertyException m) {
            return "unknown name '" + m.getProperty() + "' (a variable is read with fetch('" + m.getProperty() + "'), a local is passed with locals: [...])";
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** {@code fetch('name')} inside a template: a variable that is not set fails, naming it. */
    static final class StrictFetch extends Closure<Object> {
        private final transient Configuration config;
        private final String template;

        StrictFetch(Configuration config, String template) {
            super(null);
            this.config = config;
            this.template = template;
        }

        public Object doCall(String key) {
            if (!config.isSet(key)) throw new DslException("variable '" + key + "' is not set (read by template " + template + ")");
            return config.fetch(key);
        }

        public Object doCall(String key, Object fallback) {
            return config.fetch(key, fallback);
        }
    }
}
