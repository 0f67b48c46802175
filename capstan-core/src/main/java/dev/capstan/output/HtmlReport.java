package dev.capstan.output;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --report FILE}: a self-contained HTML page of the run, written when the run ends: each task, each
 * host's commands in order with their output (collapsible) and timing, failures highlighted.
 */
final class HtmlReport implements EventListener, AutoCloseable {
    private static final class Cmd {
        String task, host, summary, script;
        Instant start;
        long millis = -1;
        int status = Integer.MIN_VALUE;
        final StringBuilder output = new StringBuilder();
    }

    private final Path path;
    private final Map<String, Cmd> commands = new LinkedHashMap<>();
    private final List<String> taskStack = new ArrayList<>();
    private final List<String> taskLines = new ArrayList<>();
    private String title = "capstan";
    private Instant start;
    private Boolean success;
    private Duration duration = Duration.ZERO;

    HtmlReport(Path path) {
        this.path = path;
    }

    @Override
    public synchronized void on(Event e) {
        if (start == null) start = e.at();
        if (e instanceof Event.RunStarted r) title = r.commandLine();
        else if (e instanceof Event.RunFinished r) { success = r.success(); duration = r.duration(); }
        else if (e instanceof Event.TaskStarted t) taskStack.add(t.task());
        else if (e instanceof Event.TaskFinished t) {
            if (!taskStack.isEmpty()) taskStack.remove(taskStack.size() - 1);
            taskLines.add("<tr class='" + (t.success() ? "ok" : "bad") + "'><td>" + esc(t.task()) + "</td><td>" + t.duration().toMillis() + " ms</td></tr>");
        } else if (e instanceof Event.CommandStarted s) {
            Cmd c = new Cmd();
            c.task = taskStack.isEmpty() ? "" : taskStack.get(taskStack.size() - 1);
            c.host = s.host().label();
            c.summary = s.command().summary();
            c.script = s.command().loggedScript();
            c.start = s.at();
            commands.put(s.command().id() + "@" + c.host, c);
        } else if (e instanceof Event.CommandOutput o) {
            Cmd c = commands.get(o.command().id() + "@" + o.host().label());
            if (c != null && c.output.length() < 200_000) c.output.append(o.line()).append('\n');
        } else if (e instanceof Event.CommandFinished f) {
            Cmd c = commands.get(f.command().id() + "@" + f.host().label());
            if (c != null) { c.status = f.exitStatus(); c.millis = f.duration().toMillis(); }
        }
    }

    @Override
    public synchronized void close() {
        Map<String, List<Cmd>> byHost = new LinkedHashMap<>();
        for (Cmd c : commands.values()) byHost.computeIfAbsent(c.host, h -> new ArrayList<>()).add(c);
        StringBuilder h = new StringBuilder("<!doctype html><meta charset='utf-8'><title>").append(esc(title)).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}h1{font-size:20px}code,pre{font:12px ui-monospace,monospace}")
                .append(".ok{color:#176f2c}.bad{color:#b00020;font-weight:bold}table{border-collapse:collapse}td{padding:2px 10px;border-bottom:1px solid #eee}")
                .append("details{margin:2px 0}summary{cursor:pointer}pre{background:#f6f6f6;padding:6px;white-space:pre-wrap;max-height:300px;overflow:auto}")
                .append(".bar{display:inline-block;height:8px;background:#4a7bd0;vertical-align:middle}.bad .bar{background:#b00020}</style>")
                .append("<h1>").append(esc(title)).append("</h1><p class='").append(Boolean.TRUE.equals(success) ? "ok'>Succeeded" : "bad'>Failed")
                .append(" in ").append(duration.toMillis() / 1000.0).append(" s on ").append(byHost.size()).append(" host(s)</p>")
                .append("<h2>Tasks</h2><table>").append(String.join("", taskLines)).append("</table>");
        long total = Math.max(1, duration.toMillis());
        for (Map.Entry<String, List<Cmd>> host : byHost.entrySet()) {
            boolean hostFailed = host.getValue().stream().anyMatch(c -> c.status != 0);
            h.append("<h2 class='").append(hostFailed ? "bad" : "ok").append("'>").append(esc(host.getKey())).append("</h2>");
            for (Cmd c : host.getValue()) {
                boolean bad = c.status != 0;
                long offset = start == null ? 0 : Duration.between(start, c.start).toMillis();
                h.append("<details class='").append(bad ? "bad" : "ok").append("'").append(bad ? " open" : "").append("><summary>")
                 .append("<span class='bar' style='margin-left:").append(offset * 200 / total).append("px;width:")
                 .append(Math.max(2, Math.max(0, c.millis) * 200 / total)).append("px'></span> ")
                 .append(esc(c.task)).append(" <code>").append(esc(c.summary)).append("</code> ")
                 .append(c.status == Integer.MIN_VALUE ? "(did not finish)" : "exit " + c.status + ", " + c.millis + " ms")
                 .append("</summary><pre>$ ").append(esc(c.script)).append("\n").append(esc(c.output.toString())).append("</pre></details>");
            }
        }
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            Files.writeString(path, h.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + path, e);
        }
    }

    private String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
