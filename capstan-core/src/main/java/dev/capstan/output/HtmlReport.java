package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --report FILE}: a self-contained HTML page of the run (no script, no external file), written when
 * the output closes: the outcome, the failures first, a timeline per host, the tasks, then every command
 * with its script and output (collapsible; failures open and red). Every text is HTML-escaped.
 */
final class HtmlReport implements EventListener, AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px 32px;color:#1d232a;background:#fff}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #e3e6ea;padding-bottom:4px}
            h3{font-size:14px;margin:16px 0 4px}code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            .meta{color:#5b6570}.pill{display:inline-block;padding:1px 10px;border-radius:10px;color:#fff;font-weight:600}
            .pill.ok{background:#1f883d}.pill.bad{background:#cf222e}.fail{color:#cf222e}.muted{color:#8c959f}
            .failures{border:1px solid #cf222e;background:#fff5f5;border-radius:6px;padding:8px 14px}
            .failures pre{background:#fff;margin:4px 0 8px}
            table{border-collapse:collapse}td,th{padding:3px 12px 3px 0;text-align:left;border-bottom:1px solid #f0f2f4}
            .tl{display:grid;grid-template-columns:180px 1fr;gap:4px 10px;align-items:center}
            .track{position:relative;height:16px;background:#f3f5f7;border-radius:3px}
            .bar{position:absolute;top:2px;height:12px;min-width:2px;border-radius:2px;background:#2f81f7}
            .bar.debug{background:#afb8c1}.bar.bad{background:#cf222e}.axis{display:flex;justify-content:space-between;color:#8c959f;font-size:11px}
            details{margin:2px 0;border-left:3px solid #d0d7de;padding-left:8px}details.bad{border-color:#cf222e;background:#fff5f5}
            summary{cursor:pointer}summary code{font-weight:600}pre{background:#f6f8fa;padding:6px 8px;white-space:pre-wrap;
            word-break:break-all;max-height:320px;overflow:auto;margin:4px 0}.err{color:#cf222e}.msg{margin:2px 0 2px 11px}
            """;

    private final Path path;
    private final ReportModel model = new ReportModel();

    HtmlReport(Path path) {
        this.path = path;
    }

    @Override
    public void on(Event e) {
        model.on(e);
    }

    @Override
    public synchronized void close() {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            Files.writeString(path, render(model), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + path + ": " + e.getMessage(), e);
        }
    }

    static String render(ReportModel m) {
        StringBuilder h = new StringBuilder(8192);
        boolean ok = Boolean.TRUE.equals(m.success);
        Duration total = m.duration != null ? m.duration : m.start == null ? Duration.ZERO : Duration.between(m.start, m.end);
        List<ReportModel.Cmd> failed = m.commands.stream().filter(ReportModel.Cmd::failed).toList();
        h.append("<!doctype html>\n<html lang='en'><head><meta charset='utf-8'><title>").append(esc(m.title))
         .append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(m.title)).append("</h1>\n<p class='meta'><span class='pill ").append(ok ? "ok'>succeeded" : "bad'>failed")
         .append("</span> ").append(m.start == null ? "" : STAMP.format(m.start)).append(" · ").append(seconds(total))
         .append(" · ").append(m.hosts.size()).append(m.hosts.size() == 1 ? " host" : " hosts").append(" · ")
         .append(m.commands.size()).append(" commands").append(failed.isEmpty() ? "" : " · <span class='fail'>" + failed.size() + " failed</span>")
         .append("</p>\n");
        failures(h, m, failed);
        timeline(h, m, total);
        tasks(h, m);
        commands(h, m);
        return h.append("</body></html>\n").toString();
    }

    private static void failures(StringBuilder h, ReportModel m, List<ReportModel.Cmd> failed) {
        if (failed.isEmpty() && m.hostErrors.isEmpty()) return;
        h.append("<h2 class='fail'>Failures</h2>\n<div class='failures'>\n");
        for (ReportModel.Cmd c : failed) {
            h.append("<div><b>").append(esc(c.host)).append("</b> · ").append(esc(c.task)).append(" · <code>").append(esc(c.summary))
             .append("</code> · exit ").append(c.exitStatus).append("</div>\n<pre>");
            List<String[]> lines = new ArrayList<>(c.lines);
            for (String[] l : lines.subList(Math.max(0, lines.size() - 10), lines.size())) line(h, l);
            h.append("</pre>\n");
        }
        Set<String> hostsWithFailedCommand = new LinkedHashSet<>();
        failed.forEach(c -> hostsWithFailedCommand.add(c.host));
        m.hostErrors.entrySet().stream().filter(e -> !hostsWithFailedCommand.contains(e.getKey())).sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> h.append("<div><b>").append(esc(e.getKey())).append("</b></div><pre class='err'>").append(esc(e.getValue())).append("</pre>\n"));
        h.append("</div>\n");
    }

    private static void timeline(StringBuilder h, ReportModel m, Duration total) {
        if (m.commands.isEmpty()) return;
        double span = Math.max(1, total.toMillis());
        h.append("<h2>Timeline</h2>\n<div class='tl'>\n");
        for (String host : m.hosts) {
            h.append("<div><code>").append(esc(host)).append("</code>")
             .append(m.hostErrors.containsKey(host) ? " <span class='fail'>✘</span>" : "").append("</div><div class='track'>");
            for (ReportModel.Cmd c : m.commands) {
                if (!c.host.equals(host)) continue;
                double left = Duration.between(m.start, c.start).toMillis() / span * 100;
                double width = (c.duration == null ? Duration.between(c.start, m.end) : c.duration).toMillis() / span * 100;
                String kind = c.failed() ? "bad" : c.verbosity.atLeast(Verbosity.INFO) ? "" : "debug";
                h.append(String.format(Locale.ROOT, "<span class='bar %s' style='left:%.2f%%;width:%.2f%%' title='%s'></span>",
                        kind, Math.min(left, 99.5), Math.min(width, 100 - Math.min(left, 99.5)),
                        esc(c.id + " " + c.summary + (c.duration == null ? "" : " (" + seconds(c.duration) + ")"))));
            }
            h.append("</div>\n");
        }
        h.append("<div></div><div class='axis'><span>0 s</span><span>").append(seconds(total.dividedBy(2))).append("</span><span>")
         .append(seconds(total)).append("</span></div>\n</div>\n");
    }

    private static void tasks(StringBuilder h, ReportModel m) {
        if (m.tasks.isEmpty()) return;
        h.append("<h2>Tasks</h2>\n<table><tr><th>task</th><th>started</th><th>took</th><th></th></tr>\n");
        m.tasks.stream().sorted(Comparator.comparing(ReportModel.Task::start)).forEach(t -> h.append("<tr")
                .append(Boolean.FALSE.equals(t.success()) ? " class='fail'" : "").append("><td><code>").append(esc(t.name()))
                .append("</code></td><td>+").append(seconds(Duration.between(m.start, t.start()))).append("</td><td>")
                .append(seconds(t.duration())).append("</td><td>").append(Boolean.FALSE.equals(t.success()) ? "✘ failed" : "✔")
                .append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void commands(StringBuilder h, ReportModel m) {
        Set<String> taskOrder = new LinkedHashSet<>();
        m.commands.forEach(c -> taskOrder.add(c.task));
        m.messages.forEach(msg -> taskOrder.add(msg.task()));
        if (taskOrder.isEmpty()) return;
        h.append("<h2>Commands</h2>\n");
        for (String task : taskOrder) {
            h.append("<h3>").append(task.isEmpty() ? "(outside tasks)" : "<code>" + esc(task) + "</code>").append("</h3>\n");
            for (ReportModel.Message msg : m.messages) {
                if (!msg.task().equals(task)) continue;
                h.append("<div class='msg").append(msg.level().atLeast(Verbosity.WARN) ? " fail" : "").append("'>")
                 .append(msg.level().atLeast(Verbosity.WARN) ? msg.level().name() + " " : "")
                 .append(msg.host() == null ? "" : "<code>" + esc(msg.host()) + "</code> ").append(esc(msg.text())).append("</div>\n");
            }
            for (ReportModel.Cmd c : m.commands) if (c.task.equals(task)) command(h, c);
        }
    }

    private static void command(StringBuilder h, ReportModel.Cmd c) {
        h.append("<details").append(c.failed() ? " class='bad' open" : "").append("><summary>")
         .append(c.failed() ? "<span class='fail'>✘</span>" : c.finished() ? "✔" : "<span class='muted'>…</span>")
         .append(" <span class='muted'>[").append(esc(c.id)).append("]</span> <code>").append(esc(c.summary)).append("</code> on ")
         .append(esc(c.host)).append(" · ")
         .append(c.finished() ? "exit " + c.exitStatus + " · " + seconds(c.duration) : "did not finish")
         .append(c.verbosity.atLeast(Verbosity.INFO) ? "" : " <span class='muted'>(" + c.verbosity.name().toLowerCase(Locale.ROOT) + ")</span>")
         .append("</summary><pre>$ ").append(esc(c.script)).append('\n');
        if (c.omitted > 0) h.append("<span class='muted'>(").append(c.omitted).append(" earlier lines omitted)</span>\n");
        for (String[] l : c.lines) line(h, l);
        h.append("</pre></details>\n");
    }

    private static void line(StringBuilder h, String[] l) {
        if (l[0].equals("err")) h.append("<span class='err'>").append(esc(l[1])).append("</span>\n");
        else h.append(esc(l[1])).append('\n');
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
