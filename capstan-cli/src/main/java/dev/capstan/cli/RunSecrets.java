package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.output.MaskedStream;
import dev.capstan.remote.Secrets;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets of one invocation, known from the moment the configuration starts loading: its secret variables
 * (asked again each time: an {@code ask} answer appears mid-run), the password of {@code repo_url}, and what the
 * run learns ({@code redact} values). The error stream is masked with them, so nothing printed outside the
 * formatters (the closing error, {@code --trace}, stack traces, MINA's logging) shows a secret; so is standard
 * output, for what a task's own Groovy code prints there.
 */
final class RunSecrets {
    private final Secrets secrets = new Secrets(this::fromConfiguration);
    private volatile Configuration config;

    Secrets secrets() {
        return secrets;
    }

    /** Called as soon as the configuration exists (before config/deploy.groovy is read), so a load error there is masked too. */
    void loading(Configuration c) {
        config = c;
    }

    /** A {@code NAME=value} argument whose variable is secret (e.g. asked with {@code echo: false}): its value is masked. */
    void commandLine(List<String> args, Configuration c) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0 && c.isSecret(a.substring(0, eq))) secrets.add(a.substring(eq + 1));
        }
    }

    /** {@code stream} masked; {@code charset} is the encoding of the text written to it. */
    PrintStream masked(OutputStream stream, Charset charset) {
        return MaskedStream.printStream(stream, secrets::values, charset);
    }

    /** The encoding the JVM gave System.out or System.err ({@code sun.stdout.encoding}/{@code sun.stderr.encoding}). */
    static Charset encodingOf(String stream) {
        String name = System.getProperty("sun." + stream + ".encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }

    private List<String> fromConfiguration() {
        Configuration c = config;
        if (c == null) return List.of();
        List<String> out = new ArrayList<>(c.secretValues());
        // the raw value: a lazy repo_url is not evaluated just to mask output
        if (c.raw("repo_url") instanceof CharSequence url) out.addAll(urlPassword(url.toString()));
        return out;
    }

    /**
     * The password of {@code scheme://user:password@host/...}, as written and percent-decoded; nothing for other
     * forms. Read by hand rather than with {@link java.net.URI}, which refuses a password that was not encoded.
     */
    static List<String> urlPassword(String url) {
        String u = url.strip();
        int scheme = u.indexOf("://");
        if (scheme <= 0) return List.of();
        int hostEnd = u.indexOf('/', scheme + 3);
        String authority = u.substring(scheme + 3, hostEnd < 0 ? u.length() : hostEnd);
        int at = authority.lastIndexOf('@');
        int colon = at < 0 ? -1 : authority.indexOf(':');
        if (colon < 0 || colon >= at - 1) return List.of();
        String raw = authority.substring(colon + 1, at);
        try {
            return List.of(raw, URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            return List.of(raw);
        }
    }
}
