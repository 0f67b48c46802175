package dev.capstan.cli.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSHKit's README shape of a computed command map, which Capstan writes as one entry per listed name
 * (every other name keeps Capstan's default, {@code /usr/bin/env NAME}, as in the Ruby's else branch):
 * <pre>
 * SSHKit.config.command_map = Hash.new do |hash, key|
 *   if %i{rails rake}.include?(key.to_sym)
 *     hash[key] = "/usr/bin/env bundle exec #{key}"
 *   else
 *     hash[key] = "/usr/bin/env #{key}"
 *   end
 * end
 * </pre>
 */
final class HashCommandMap {
    static final Pattern START = Pattern.compile("\\s*SSHKit\\.config\\.command_map\\s*=\\s*Hash\\.new\\s+do\\s*\\|\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\|\\s*");
    private static final String NAMES = "(?:%[iw][{(\\[]([^})\\]]*)[})\\]]|\\[([^\\]]*)])";

    private HashCommandMap() {}

    /** The Groovy lines for the whole block (its statements, the opener first), or null when it has another shape. */
    static List<String> translate(List<String> lines) {
        Matcher start = START.matcher(lines.get(0));
        if (!start.matches() || lines.size() != 7) return null;
        String hash = Pattern.quote(start.group(1));
        String key = Pattern.quote(start.group(2));
        Matcher cond = Pattern.compile("\\s*if\\s+" + NAMES + "\\.include\\?\\(\\s*" + key + "(?:\\.to_sym|\\.to_s)?\\s*\\)\\s*").matcher(lines.get(1));
        String assign = "\\s*" + hash + "\\[" + key + "]\\s*=\\s*\"(.*)#\\{" + key + "}(.*)\"\\s*";
        Matcher mapped = Pattern.compile(assign).matcher(lines.get(2));
        Matcher other = Pattern.compile(assign).matcher(lines.get(4));
        if (!cond.matches() || !mapped.matches() || !lines.get(3).strip().equals("else") || !other.matches()
                || !lines.get(5).strip().equals("end") || !lines.get(6).strip().equals("end")) return null;
        if (!other.group(1).equals("/usr/bin/env ") || !other.group(2).isEmpty()) return null;
        List<String> names = new ArrayList<>();
        String list = cond.group(1) != null ? cond.group(1) : cond.group(2);
        for (String n : list.split(cond.group(1) != null ? "\\s+" : "\\s*,\\s*")) {
            String name = n.strip().replaceAll("^[:'\"]|['\"]$", "");
            if (!name.isEmpty()) names.add(name);
        }
        if (mapped.group(1).contains("#{") || mapped.group(2).contains("#{")) return null;
        List<String> out = new ArrayList<>();
        out.add("// SSHKit's computed command map: each listed name mapped; any other keeps /usr/bin/env NAME");
        for (String n : names) out.add("command_map[" + GroovyStrings.plain(n) + "] = " + GroovyStrings.plain(mapped.group(1) + n + mapped.group(2)));
        return out;
    }
}
