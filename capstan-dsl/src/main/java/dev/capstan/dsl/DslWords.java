package dev.capstan.dsl;

import dev.capstan.config.NearestNames;
import dev.capstan.remote.Remote;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/** The words of the DSL (a file's, and inside a task also the task's and a host's), for "did you mean". */
final class DslWords {
    private DslWords() {}

    /** {@code " (did you mean 'set'?)"} for a mistyped word, or "". Built by reflection, only when a word is unknown. */
    static String hint(String word, boolean inTask) {
        Set<String> words = new TreeSet<>();
        add(words, Dsl.class);
        if (inTask) {
            add(words, TaskScope.class);
            add(words, Remote.class);
        }
        return NearestNames.hint(word, words);
    }

    private static void add(Set<String> words, Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers()) && !m.getName().startsWith("get")) words.add(m.getName());
        }
    }
}
