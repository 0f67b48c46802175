package dev.capstan.cli.imports;

import java.util.Map;

/** The Ruby methods common in deploy files and their Groovy forms; any other method is not converted. */
final class RubyMethods {
    /** Ruby method → Groovy: a suffix when the call takes no arguments, else the method's Groovy name. */
    private static final Map<String, String> NO_ARGS = Map.ofEntries(Map.entry("to_s", ".toString()"), Map.entry("to_i", ".toInteger()"),
            Map.entry("to_sym", ""), Map.entry("to_a", ".toList()"), Map.entry("to_str", ".toString()"), Map.entry("strip", ".trim()"),
            Map.entry("chomp", ".stripTrailing()"), Map.entry("upcase", ".toUpperCase()"), Map.entry("downcase", ".toLowerCase()"),
            Map.entry("size", ".size()"), Map.entry("length", ".size()"), Map.entry("count", ".size()"), Map.entry("first", ".first()"),
            Map.entry("last", ".last()"), Map.entry("sort", ".sort()"), Map.entry("uniq", ".unique()"), Map.entry("reverse", ".reverse()"),
            Map.entry("empty?", ".isEmpty()"), Map.entry("nil?", ".is(null)"), Map.entry("any?", ".asBoolean()"), Map.entry("keys", ".keySet()"),
            Map.entry("values", ".values()"), Map.entry("hostname", ".hostname"), Map.entry("user", ".user"), Map.entry("port", ".port"),
            Map.entry("roles", ".roles"), Map.entry("username", ".user"), Map.entry("compact", ".findAll { it != null }"),
            Map.entry("flatten", ".flatten()"), Map.entry("prefix", ".prefix"), Map.entry("lines", ".readLines()"), Map.entry("split", ".split()"));
    private static final Map<String, String> WITH_ARGS = Map.ofEntries(Map.entry("include?", "contains"), Map.entry("join", "join"),
            Map.entry("split", "split"), Map.entry("start_with?", "startsWith"), Map.entry("end_with?", "endsWith"),
            Map.entry("each", "each"), Map.entry("map", "collect"), Map.entry("collect", "collect"), Map.entry("select", "findAll"),
            Map.entry("find", "find"), Map.entry("each_with_index", "eachWithIndex"), Map.entry("fetch", "fetch"),
            Map.entry("push", "push"), Map.entry("unshift", "unshift"), Map.entry("merge", "plus"), Map.entry("sort_by", "sort"),
            Map.entry("any?", "any"), Map.entry("all?", "every"), Map.entry("has_key?", "containsKey"), Map.entry("key?", "containsKey"));


    private RubyMethods() {}

    /** {@code x.m} with no arguments: the Groovy suffix (starting with '.'), or "" to drop it. */
    static String withoutArguments(String m) {
        String g = NO_ARGS.get(m);
        if (g == null) throw new Untranslatable("Ruby method '" + m + "' has no Groovy form here");
        return g;
    }

    /** {@code x.m(…)} or {@code x.m { }}: the Groovy method name. */
    static String withArguments(String m) {
        String g = WITH_ARGS.get(m);
        if (g == null) throw new Untranslatable("Ruby method '" + m + "' has no Groovy form here");
        return g;
    }

    /** {@code x.each do |y|}: a method that only makes sense with a block. */
    static boolean takesBlockOnly(String m) {
        return WITH_ARGS.containsKey(m) && !NO_ARGS.containsKey(m);
    }
}
