package dev.capstan.output;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Hides secrets in any text about to be shown: secret values, and passwords inside URLs. */
final class Masker {
    static final String MASK = "[REDACTED]";
    private static final Pattern URL_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private final Supplier<Collection<String>> secrets;

    Masker(Supplier<Collection<String>> secrets) {
        this.secrets = secrets == null ? List::of : secrets;
    }

    String mask(String text) {
        if (text == null) return null;
        String out = URL_PASSWORD.matcher(text).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(MASK) + "$3");
        // longest first, so a secret containing another is hidden whole
        List<String> values = secrets.get().stream().filter(s -> s != null && s.length() >= 3)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : values) out = out.replace(s, MASK);
        return out;
    }
}
