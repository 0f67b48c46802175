package dev.capstan.dsl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Maps compiled script classes back to the user's files, so any stack trace gives {@code config/deploy.groovy:12}. */
final class ScriptLocations {
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final java.nio.file.Path root;

    /** @param root the project directory the shown paths are relative to (templates are found there too) */
    ScriptLocations(java.nio.file.Path root) {
        this.root = root;
    }

    java.nio.file.Path root() { return root; }

    void register(String className, String shownPath) {
        files.put(className, shownPath);
    }

    /** {@code file:line} of the innermost frame in a DSL file, or null. */
    String locate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                String cls = e.getClassName();
                int dollar = cls.indexOf('$');
                String base = dollar < 0 ? cls : cls.substring(0, dollar);
                String file = files.get(base);
                if (file != null && e.getLineNumber() > 0) return file + ":" + e.getLineNumber();
            }
        }
        return null;
    }

    /** Where the DSL call currently being executed comes from (for task definitions). */
    String here() {
        return locate(new Throwable());
    }
}
