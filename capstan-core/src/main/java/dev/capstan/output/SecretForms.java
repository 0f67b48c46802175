package dev.capstan.output;

import dev.capstan.remote.Shell;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every form in which Capstan itself may write a secret value: as given, shell-escaped (up to three times deep, as
 * {@code sudo … sh -c} around {@code sg … -c} nests it), inside double or single quotes (a {@code with} value),
 * JSON- and HTML-escaped (the json format, the report) and URL-encoded (a password in a URL); and each of those
 * one level further (an escaped value inside a JSON string). The masker hides them all.
 */
final class SecretForms {
    private static final List<UnaryOperator<String>> ENCODINGS = List.of(
            Shell::escape,
            SecretForms::doubleQuotedInner,
            SecretForms::singleQuotedInner,
            Json::escape,
            HtmlReport::esc,
            SecretForms::urlEncoded,
            s -> urlEncoded(s).replace("+", "%20"));

    private SecretForms() {}

    static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        List<String> first = new ArrayList<>();
        for (UnaryOperator<String> e : ENCODINGS) first.add(e.apply(secret));
        forms.addAll(first);
        for (String f : first) for (UnaryOperator<String> e : ENCODINGS) forms.add(e.apply(f));
        forms.add(Shell.escape(Shell.escape(Shell.escape(secret))));
        return forms;
    }

    /** {@link Shell#doubleQuoted} without its quotes. */
    static String doubleQuotedInner(String s) {
        String q = Shell.doubleQuoted(s);
        return q.substring(1, q.length() - 1);
    }

    /** {@link Shell#singleQuoted} without its outer quotes. */
    static String singleQuotedInner(String s) {
        String q = Shell.singleQuoted(s);
        return q.substring(1, q.length() - 1);
    }

    static String urlEncoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code %XX} sequences decoded as UTF-8 ({@code +} stays: in a URL's user info it is a plus). */
    static String percentDecoded(String s) {
        if (s.indexOf('%') < 0) return s;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() && c == '%' ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A shell-escaped word's value: each backslash dropped, the character after it kept. */
    static String unescaped(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }
}
