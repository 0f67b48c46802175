package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Remote;
import dev.capstan.remote.Shell;
import groovy.lang.GroovyObjectSupport;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The delegate of an {@code on} block: the host's {@link Remote} (execute, test, capture, within, ...), plus the
 * template words that need both the host and the configuration. Anything else falls through to the task's scope.
 */
public final class HostScope extends GroovyObjectSupport {
    private final Remote remote;
    private final Configuration config;
    private final Templates templates;

    HostScope(Remote remote, Configuration config, Templates templates) {
        this.remote = remote;
        this.config = config;
        this.templates = templates;
    }

    /** The template rendered for this host, as a string. Options: {@code locals: [name: value]}. */
    public String render_template(Map<String, ?> options, String template) {
        return templates.render(template, config, Templates.hostView(remote.host()), (Map<?, ?>) options.get("locals"));
    }

    public String render_template(String template) { return render_template(Map.of(), template); }

    /**
     * Renders the template for this host and uploads it atomically: to a temporary file beside {@code destination},
     * then {@code mv} over it, so a reader sees the old file or the whole new one. Options: {@code mode} ('644'),
     * {@code owner} ('deploy' or 'deploy:www'), {@code locals}.
     */
    public void upload_template(Map<String, ?> options, String template, Object destination) {
        String dest = String.valueOf(destination);
        byte[] text = render_template(options, template).getBytes(StandardCharsets.UTF_8);
        String tmp = dest + ".capstan-" + Long.toHexString(System.nanoTime()) + ".tmp";
        remote.upload(text, tmp);
        StringBuilder script = new StringBuilder();
        if (options.get("mode") != null) script.append("chmod ").append(Shell.escape(String.valueOf(options.get("mode")))).append(' ').append(Shell.escape(tmp)).append(" && ");
        if (options.get("owner") != null) script.append("chown ").append(Shell.escape(String.valueOf(options.get("owner")))).append(' ').append(Shell.escape(tmp)).append(" && ");
        script.append("mv -f ").append(Shell.escape(tmp)).append(' ').append(Shell.escape(dest))
                .append(" || { rm -f ").append(Shell.escape(tmp)).append("; false; }");
        remote.execute(remote.raw(script.toString()));
    }

    public void upload_template(String template, Object destination) { upload_template(Map.of(), template, destination); }

    public Remote getRemote() { return remote; }

    /** Everything else is the Remote's (execute, within, info, host, ...). */
    public Object methodMissing(String name, Object args) {
        return InvokerHelper.invokeMethod(remote, name, args);
    }

    public Object propertyMissing(String name) {
        return InvokerHelper.getProperty(remote, name);
    }
}
