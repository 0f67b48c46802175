package dev.capstan.remote;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a task body sees on one host: SSHKit's backend DSL. {@code execute}, {@code test},
 * {@code capture}, transfers, and the {@code within}/{@code with}/{@code as}/{@code umask} blocks.
 * One instance per host per {@code on} block; not shared between threads.
 */
public final class Remote {
    private final Host host;
    private final Backend backend;
    private final RemoteSettings settings;
    private final CommandBuilder builder;
    private final EventListener events;
    private final Cancellation cancellation;
    private CommandContext context;

    public Remote(Host host, Backend backend, RemoteSettings settings, EventListener events, Cancellation cancellation) {
        this.host = host;
        this.backend = backend;
        this.settings = settings;
        this.builder = new CommandBuilder(settings.commandMap());
        this.events = events;
        this.cancellation = cancellation == null ? new Cancellation() : cancellation;
        this.context = CommandContext.EMPTY.with(secretValuesRedacted(settings.defaultEnv()));
    }

    public Host getHost() { return host; }

    public Host host() { return host; }

    public CommandContext context() { return context; }

    /** Runs a command; a non-zero exit status raises {@link CommandFailedException}. */
    public boolean execute(Object... args) {
        return execute(Map.of(), args);
    }

    /** Options: {@code verbosity}, {@code raise_on_non_zero_exit}, {@code timeout} (seconds), {@code interaction_handler}, {@code title} and {@code layout} (how the command is shown). */
    public boolean execute(Map<String, ?> options, Object... args) {
        return run(build(options, Verbosity.INFO, true, args), options, false).success();
    }

    /** Runs a command at DEBUG level and answers whether it exited 0. Never raises for a non-zero status. */
    public boolean test(Object... args) {
        return test(Map.of(), args);
    }

    public boolean test(Map<String, ?> options, Object... args) {
        return run(build(options, Verbosity.DEBUG, false, args), options, false).success();
    }

    /** Runs a command at DEBUG level and returns its stdout, stripped unless {@code strip: false}. */
    public String capture(Object... args) {
        return capture(Map.of(), args);
    }

    public String capture(Map<String, ?> options, Object... args) {
        String out = run(build(options, Verbosity.DEBUG, true, args), options, true).stdout();
        return Boolean.FALSE.equals(options.get("strip")) ? out : out.strip();
    }

    /** Runs an already built command (recipes that build commands as data use this). */
    public CommandResult run(Command command) {
        return run(command, Map.of(), true);
    }

    /** Runs the block with commands in {@code dir}; fails first with "Directory does not exist" if it is missing. */
    public void within(String dir, Block body) throws Exception {
        CommandContext saved = context;
        CommandContext next = context.within(dir);
        guard(CommandBuilder.directoryGuard(next.dir()));
        context = next;
        try { body.run(); } finally { context = saved; }
    }

    /** Runs the block with extra environment variables (names given in lower case are upper-cased). */
    public void with(Map<String, ?> env, Block body) throws Exception {
        CommandContext saved = context;
        context = context.with(secretValuesRedacted(env));
        try { body.run(); } finally { context = saved; }
    }

    /** Runs the block's commands as another user through sudo (checked first, as SSHKit does). */
    public void as(String user, Block body) throws Exception {
        as(Map.of("user", user), body);
    }

    /** {@code as(user: 'deploy', group: 'www')}; either key may be absent. */
    public void as(Map<String, ?> who, Block body) throws Exception {
        CommandContext saved = context;
        String user = who.get("user") == null ? null : String.valueOf(who.get("user"));
        String group = who.get("group") == null ? null : String.valueOf(who.get("group"));
        if (user != null) guard(CommandBuilder.userGuard(user));
        context = context.as(user, group);
        try { body.run(); } finally { context = saved; }
    }

    /** The same as {@link #as(String, Block)}, for Groovy where {@code as} is a keyword. */
    public void asUser(String user, Block body) throws Exception { as(user, body); }

    /** The DSL spelling of {@link #as(String, Block)}: {@code as_user('deploy') { ... }}. */
    public void as_user(String user, Block body) throws Exception { as(user, body); }

    /** {@code as_user(user: 'deploy', group: 'www') { ... }}. */
    public void as_user(Map<String, ?> who, Block body) throws Exception { as(who, body); }

    public void umask(String mask, Block body) throws Exception {
        CommandContext saved = context;
        context = context.withUmask(mask);
        try { body.run(); } finally { context = saved; }
    }

    /**
     * {@code upload dir, '/remote', recursive: true}: a local directory with everything in it, as scp -r does it
     * (into {@code remote/dir} when {@code remote} is an existing directory, else as {@code remote}).
     */
    public void upload(Map<String, ?> options, Object local, String remote) {
        Path dir = local instanceof Path p ? p : local instanceof java.io.File f ? f.toPath() : local instanceof CharSequence ? Path.of(local.toString()) : null;
        if (dir == null || !Files.isDirectory(dir)) {
            upload(local, remote);
            return;
        }
        if (!Boolean.TRUE.equals(options.get("recursive"))) {
            throw new IllegalArgumentException(dir + " is a directory: upload it with recursive: true");
        }
        new DirectoryUpload(this, dir).to(test("[ -d " + Shell.escapeKeepingTilde(resolveRemote(remote)) + " ]")
                ? remote + "/" + dir.getFileName() : remote);
    }

    /** Uploads a local file (Path, File or String path), a String's content or an InputStream to {@code remote}. */
    public void upload(Object local, String remote) {
        if (!(local instanceof InputStream) && !(local instanceof byte[]) && Files.isDirectory(Path.of(String.valueOf(local)))) {
            throw new IllegalArgumentException(local + " is a directory: upload it with recursive: true");
        }
        String target = resolveRemote(remote);
        String name = describe(local);
        String transferId = CommandBuilder.newId();
        try (InputStream in = open(local)) {
            long size = local instanceof Path p ? Files.size(p) : local instanceof java.io.File f ? f.length() : -1;
            cancellation.check(host);
            backend.upload(host, in, size, target, stoppable("upload of " + name, (b, t) -> events.on(new Event.TransferProgress(
                    Instant.now(), host, transferId, Event.Direction.UPLOAD, name + " -> " + target, b, t))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " for upload to " + host.label(), e);
        }
    }

    /** Downloads {@code remote} into a local file named by a string, as SSHKit's {@code download! 'remote', 'local'}. */
    public void download(String remote, String local) {
        download(remote, Path.of(local));
    }

    /** Downloads {@code remote} into a local file. */
    public void download(String remote, Path local) {
        String source = resolveRemote(remote);
        String transferId = CommandBuilder.newId();
        cancellation.check(host);
        try (OutputStream out = Files.newOutputStream(local)) {
            backend.download(host, source, out, stoppable("download of " + source, (b, t) -> events.on(new Event.TransferProgress(
                    Instant.now(), host, transferId, Event.Direction.DOWNLOAD, source, b, t))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + local + " downloading from " + host.label(), e);
        }
    }

    /** Downloads {@code remote} and returns its content as UTF-8 text. */
    public String download(String remote) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cancellation.check(host);
        backend.download(host, resolveRemote(remote), out, stoppable("download of " + remote, Backend.TransferListener.NONE));
        return out.toString(StandardCharsets.UTF_8);
    }

    public void trace(Object message) { log(Verbosity.TRACE, message); }
    public void debug(Object message) { log(Verbosity.DEBUG, message); }
    public void info(Object message) { log(Verbosity.INFO, message); }
    public void warn(Object message) { log(Verbosity.WARN, message); }
    public void error(Object message) { log(Verbosity.ERROR, message); }
    public void fatal(Object message) { log(Verbosity.FATAL, message); }

    public void log(Verbosity level, Object message) {
        events.on(new Event.LogMessage(Instant.now(), host, level, String.valueOf(message).strip()));
    }

    /** Marks a value to be sent but shown as [REDACTED], here and wherever it appears later (the command's output too). */
    public Arg.Redacted redact(Object value) {
        Arg.Redacted r = Arg.redact(value);
        settings.secrets().add(r.value());
        return r;
    }

    /** A redacted argument (also inside a list) is a secret for the rest of the run: its output is masked too. */
    private void learnRedacted(Iterable<?> args) {
        for (Object a : args) {
            if (a instanceof Arg.Redacted r) settings.secrets().add(r.value());
            else if (a instanceof Iterable<?> list) learnRedacted(list);
            else if (a instanceof Object[] array) learnRedacted(Arrays.asList(array));
        }
    }

    /** {@code with} values that are secret become {@link Arg.Redacted}: passed literally, shown as [REDACTED]. */
    private Map<String, ?> secretValuesRedacted(Map<String, ?> env) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (v instanceof Arg.Redacted r) settings.secrets().add(r.value());
            out.put(k, !(v instanceof Arg.Redacted) && settings.secrets().contains(v) ? Arg.redact(v) : v);
        });
        return out;
    }

    /** Marks text to be passed to the shell unescaped (a redirection, a glob). */
    public Arg.Raw raw(String text) { return Arg.raw(text); }

    private Command build(Map<String, ?> options, Verbosity defaultVerbosity, boolean defaultRaise, Object[] args) {
        Verbosity v = options.containsKey("verbosity") ? Verbosity.parse(options.get("verbosity")) : defaultVerbosity;
        boolean raise = options.containsKey("raise_on_non_zero_exit")
                ? Boolean.TRUE.equals(options.get("raise_on_non_zero_exit")) : defaultRaise;
        learnRedacted(Arrays.asList(args));
        Command c = builder.build(Arrays.asList(args), context, v, raise);
        Duration timeout = timeout(options);
        if (options.get("title") != null) {
            // a recipe's heading and layout for a command it built as a script value
            c = c.described(String.valueOf(options.get("title")), options.get("layout") == null ? null : String.valueOf(options.get("layout")));
        }
        return timeout == null ? c : c.withTimeout(timeout);
    }

    private CommandResult run(Command command, Map<String, ?> options, boolean keepAllStdout) {
        Runnable finished = cancellation.whileRunning(() -> backend.abort(host, command, Ending.TERMINATE));
        try {
            cancellation.check(host);
            return runStarted(command, options, keepAllStdout);
        } finally {
            finished.run();
        }
    }

    private CommandResult runStarted(Command command, Map<String, ?> options, boolean keepAllStdout) {
        InteractionHandler handler = handler(options);
        OutputCollector collector = new OutputCollector(command, host, events, handler, keepAllStdout);
        events.on(new Event.CommandStarted(Instant.now(), command, host));
        long start = System.nanoTime();
        CommandResult raw;
        try {
            raw = backend.run(host, command, collector);
        } catch (CommandTimeoutException e) {
            collector.finish();
            events.on(new Event.CommandFinished(Instant.now(), command, host, -1, Duration.ofNanos(System.nanoTime() - start)));
            if (command.raiseOnNonZero()) throw e;
            // raise_on_non_zero_exit: false covers a timeout too: the command failed, the task goes on
            log(Verbosity.WARN, e.getMessage().lines().findFirst().orElse("timed out"));
            return new CommandResult(host, command, -1, collector.stdout(), collector.stderr(), Duration.ofNanos(System.nanoTime() - start));
        } catch (RemoteException e) {
            collector.finish();
            events.on(new Event.CommandFinished(Instant.now(), command, host, -1, Duration.ofNanos(System.nanoTime() - start)));
            if (cancellation.isExternal()) throw new Cancellation.CancelledException(host, command, cancellation.reason());
            throw e;
        }
        collector.finish();
        CommandResult result = new CommandResult(host, command, raw.exitStatus(), collector.stdout(), collector.stderr(), raw.duration());
        events.on(new Event.CommandFinished(Instant.now(), command, host, result.exitStatus(), result.duration()));
        // ended by a stop of the run: that is why it failed, whatever its exit status says
        if (!result.success() && cancellation.isExternal()) throw new Cancellation.CancelledException(host, command, cancellation.reason());
        if (!result.success() && command.raiseOnNonZero()) throw new CommandFailedException(result);
        return result;
    }

    /** A transfer stops at its next chunk when the run is stopped (an interrupt), like a command is ended. */
    private Backend.TransferListener stoppable(String what, Backend.TransferListener progress) {
        return (bytes, total) -> {
            if (cancellation.isExternal()) throw new Cancellation.CancelledException(host, what, cancellation.reason());
            progress.progress(bytes, total);
        };
    }

    private void guard(String script) {
        Command c = builder.build(List.of(script), CommandContext.EMPTY, Verbosity.DEBUG, true);
        run(c, Map.of(), false);
    }

    private Duration timeout(Map<String, ?> options) {
        Object t = options.get("timeout");
        if (t instanceof Duration d) return d;
        if (t instanceof Number n) return Duration.ofMillis((long) (n.doubleValue() * 1000));
        return settings.commandTimeout();
    }

    private InteractionHandler handler(Map<String, ?> options) {
        Object h = options.get("interaction_handler");
        if (h instanceof InteractionHandler ih) return ih;
        if (h instanceof Map<?, ?> m) return InteractionHandler.mapping(m);
        return settings.interactionHandler();
    }

    private String resolveRemote(String remote) {
        if (remote.startsWith("/") || remote.startsWith("~") || context.dir() == null) return remote;
        return context.dir() + "/" + remote;
    }

    private static InputStream open(Object local) throws IOException {
        if (local instanceof InputStream in) return in;
        if (local instanceof Path p) return Files.newInputStream(p);
        if (local instanceof java.io.File f) return Files.newInputStream(f.toPath());
        if (local instanceof byte[] b) return new ByteArrayInputStream(b);
        return Files.newInputStream(Path.of(String.valueOf(local)));
    }

    private static String describe(Object local) {
        if (local instanceof InputStream || local instanceof byte[]) return "(data)";
        return String.valueOf(local);
    }
}
