package dev.capstan.dsl;

import groovy.lang.GroovySystem;
import groovy.util.DelegatingScript;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Compiles a DSL file to a {@link DelegatingScript} class, caching the class files on disk by a hash of
 * the Groovy version, the file's path and its content: a cold Groovy compile costs seconds, a cache hit
 * tens of milliseconds. Class names carry the hash, and {@link ScriptLocations} maps them back to the
 * file, so {@code file:line} in errors survives the cache.
 */
final class ScriptCompiler {
    /** Bump when the compiled form changes (base class, compiler settings): old cache entries are then ignored. */
    private static final String FORMAT = "capstan-dsl-3:" + CapstanScript.class.getName();

    private final Path cacheRoot;
    private final ScriptLocations locations;

    ScriptCompiler(Path cacheRoot, ScriptLocations locations) {
        this.cacheRoot = cacheRoot;
        this.locations = locations;
    }

    /** The default cache: {@code $XDG_CACHE_HOME/capstan/groovy} or {@code ~/.cache/capstan/groovy}. */
    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("capstan").resolve("groovy");
    }

    DelegatingScript load(Path file, String shownPath) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DslException(shownPath + ": cannot read: " + e.getMessage());
        }
        String hash = sha256(FORMAT + "\0" + GroovySystem.getVersion() + "\0" + shownPath + "\0" + text);
        String className = "capstan_" + hash.substring(0, 24);
        locations.register(className, shownPath);
        Path dir = cacheRoot.resolve(hash);
        if (!Files.exists(dir.resolve("complete"))) compile(text, className, dir, shownPath);
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
            return (DelegatingScript) loader.loadClass(className).getDeclaredConstructor().newInstance();
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new DslException(shownPath + ": cannot load compiled script: " + e);
        }
    }

    private void compile(String text, String className, Path dir, String shownPath) {
        try {
            Path tmp = Files.createDirectories(cacheRoot).resolve(dir.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.createDirectories(tmp);
            CompilerConfiguration cc = new CompilerConfiguration();
            cc.setScriptBaseClass(CapstanScript.class.getName());
            // classic call sites, not invokedynamic: each indy call site spins method-handle classes on first use
            cc.getOptimizationOptions().put(CompilerConfiguration.INVOKEDYNAMIC, Boolean.FALSE);
            cc.setTargetDirectory(tmp.toFile());
            CompilationUnit unit = new CompilationUnit(cc, null, new groovy.lang.GroovyClassLoader(getClass().getClassLoader()));
            unit.addSource(className + ".groovy", text);
            unit.compile();
            Files.writeString(tmp.resolve("complete"), shownPath);
            try {
                Files.move(tmp, dir);
            } catch (IOException raced) {
                // another process compiled the same file first: use its copy
                deleteTree(tmp);
            }
        } catch (MultipleCompilationErrorsException e) {
            throw new DslException(describe(e, shownPath, text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the script cache " + cacheRoot, e);
        }
    }

    /** {@code file:line:column: message}, then the line itself and a caret under the column. */
    private static String describe(MultipleCompilationErrorsException e, String shownPath, String text) {
        List<String> lines = new ArrayList<>();
        List<String> source = text.lines().toList();
        for (Object o : e.getErrorCollector().getErrors()) {
            if (o instanceof SyntaxErrorMessage s) {
                String msg = s.getCause().getOriginalMessage().replaceAll("\\s*@ line \\d+, column \\d+\\.?", "").strip();
                int line = s.getCause().getLine();
                int column = s.getCause().getStartColumn();
                lines.add(shownPath + ":" + line + (column > 0 ? ":" + column : "") + ": " + msg);
                if (line >= 1 && line <= source.size()) {
                    String code = source.get(line - 1).replace('\t', ' ');
                    lines.add("    " + code);
                    if (column > 0 && column <= code.length() + 1) lines.add("    " + " ".repeat(column - 1) + "^");
                }
            } else if (o instanceof Message m) {
                lines.add(shownPath + ": " + m);
            }
        }
        return String.join("\n", lines);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
