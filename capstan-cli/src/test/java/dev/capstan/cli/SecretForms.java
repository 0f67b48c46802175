package dev.capstan.cli;

import dev.capstan.remote.Shell;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The forms a secret can be written in, by name, for the harness to grep every channel for. */
final class SecretForms {
    private SecretForms() {}

    static Map<String, String> of(String secret) {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("raw", secret);
        forms.put("shell-escaped", Shell.escape(secret));
        forms.put("escaped twice (sudo sh -c)", Shell.escape(Shell.escape(secret)));
        String dq = Shell.doubleQuoted(secret);
        forms.put("double-quoted", dq.substring(1, dq.length() - 1));
        forms.put("single-quoted", secret.replace("'", "'\\''"));
        forms.put("JSON-escaped", json(secret));
        forms.put("HTML-escaped", html(secret));
        forms.put("URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.put("percent-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        return forms;
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.toString();
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
