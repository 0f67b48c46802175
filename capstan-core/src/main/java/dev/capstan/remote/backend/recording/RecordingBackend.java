package dev.capstan.remote.backend.recording;

import dev.capstan.remote.Backend;
import dev.capstan.remote.Command;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.Host;
import dev.capstan.remote.OutputSink;
import dev.capstan.remote.event.Event.Stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * For users' own tests of their tasks: records every command and transfer per host and answers
 * with scripted results (first matching pattern wins; unmatched commands exit 0 with no output).
 */
public final class RecordingBackend implements Backend {
    /** One recorded command or transfer. */
    public record Recorded(Host host, String script, String summary) {}

    private record Answer(Pattern pattern, int exitStatus, String stdout, String stderr) {}

    private final List<Recorded> recorded = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** Commands whose script matches {@code regex} (found anywhere) answer with this status and output. */
    public synchronized RecordingBackend answer(String regex, int exitStatus, String stdout, String stderr) {
        answers.add(new Answer(Pattern.compile(regex), exitStatus, stdout, stderr));
        return this;
    }

    public RecordingBackend answer(String regex, int exitStatus, String stdout) {
        return answer(regex, exitStatus, stdout, "");
    }

    /** A file that {@code download} returns for {@code host:path}. */
    public RecordingBackend file(Host host, String path, String content) {
        files.put(host.getHostname() + ":" + path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public synchronized List<Recorded> recorded() { return List.copyOf(recorded); }

    /** The scripts run on one host, in order. */
    public synchronized List<String> scripts(Host host) {
        return recorded.stream().filter(r -> r.host().equals(host)).map(Recorded::script).toList();
    }

    /** Content uploaded to {@code host:path}, or null. */
    public String uploaded(Host host, String path) {
        byte[] b = files.get(host.getHostname() + ":" + path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public CommandResult run(Host host, Command command, OutputSink output) {
        Answer answer;
        synchronized (this) {
            recorded.add(new Recorded(host, command.script(), command.summary()));
            answer = answers.stream().filter(a -> a.pattern().matcher(command.script()).find()).findFirst()
                    .orElse(new Answer(null, 0, "", ""));
        }
        if (!answer.stdout().isEmpty()) output.onData(Stream.STDOUT, answer.stdout());
        if (!answer.stderr().isEmpty()) output.onData(Stream.STDERR, answer.stderr());
        return new CommandResult(host, command, answer.exitStatus(), answer.stdout(), answer.stderr(), Duration.ZERO);
    }

    @Override
    public void upload(Host host, InputStream data, long size, String remotePath, TransferListener progress) {
        try {
            byte[] bytes = data.readAllBytes();
            files.put(host.getHostname() + ":" + remotePath, bytes);
            synchronized (this) {
                recorded.add(new Recorded(host, "upload " + remotePath, "upload " + remotePath));
            }
            progress.progress(bytes.length, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void download(Host host, String remotePath, OutputStream out, TransferListener progress) {
        byte[] b = files.getOrDefault(host.getHostname() + ":" + remotePath, new byte[0]);
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            recorded.add(new Recorded(host, "download " + remotePath, "download " + remotePath));
        }
    }

    static String text(ByteArrayOutputStream out) { return out.toString(StandardCharsets.UTF_8); }
}
