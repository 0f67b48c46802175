package dev.capstan.output;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

/** One JSON object per line per event, for CI systems and dashboards (schema in docs/output.md). */
final class JsonFormatter implements EventListener {
    private final Console console;

    JsonFormatter(Console console) {
        this.console = console;
    }

    @Override
    public synchronized void on(Event e) {
        Json j = new Json();
        if (e instanceof Event.RunStarted r) j.field("event", "run_started").field("at", r.at()).field("command", r.commandLine());
        else if (e instanceof Event.RunFinished r) j.field("event", "run_finished").field("at", r.at()).field("success", r.success())
                .field("duration_ms", r.duration().toMillis());
        else if (e instanceof Event.TaskStarted t) j.field("event", "task_started").field("at", t.at()).field("task", t.task());
        else if (e instanceof Event.TaskFinished t) j.field("event", "task_finished").field("at", t.at()).field("task", t.task())
                .field("success", t.success()).field("duration_ms", t.duration().toMillis());
        else if (e instanceof Event.CommandStarted s) j.field("event", "command_started").field("at", s.at()).field("id", s.command().id())
                .field("host", s.host().label()).field("command", s.command().summary()).field("script", s.command().loggedScript())
                .field("level", s.command().verbosity().name().toLowerCase(java.util.Locale.ROOT));
        else if (e instanceof Event.CommandOutput o) j.field("event", "command_output").field("at", o.at()).field("id", o.command().id())
                .field("host", o.host().label()).field("stream", o.stream().name().toLowerCase(java.util.Locale.ROOT)).field("line", o.line());
        else if (e instanceof Event.CommandFinished f) j.field("event", "command_finished").field("at", f.at()).field("id", f.command().id())
                .field("host", f.host().label()).field("exit_status", f.exitStatus()).field("success", f.success())
                .field("duration_ms", f.duration().toMillis());
        else if (e instanceof Event.BlockStarted b) j.field("event", "block_started").field("at", b.at()).field("block", b.blockId())
                .field("mode", b.mode()).field("hosts", b.hosts().stream().map(h -> h.label()).toList());
        else if (e instanceof Event.BlockFinished b) j.field("event", "block_finished").field("at", b.at()).field("block", b.blockId())
                .field("success", b.success());
        else if (e instanceof Event.LogMessage m) j.field("event", "log").field("at", m.at())
                .field("host", m.host() == null ? null : m.host().label())
                .field("level", m.level().name().toLowerCase(java.util.Locale.ROOT)).field("message", m.message());
        else if (e instanceof Event.HostFinished h) j.field("event", "host_finished").field("at", h.at()).field("block", h.blockId())
                .field("host", h.host().label()).field("success", h.error() == null)
                .field("error", h.error() == null ? null : h.error().getMessage());
        else if (e instanceof Event.TransferProgress p && p.bytes() == p.total()) j.field("event", "transfer_finished").field("at", p.at())
                .field("host", p.host().label()).field("direction", p.direction().name().toLowerCase(java.util.Locale.ROOT))
                .field("name", p.name()).field("bytes", p.bytes());
        else return;
        console.line(j.toString());
    }
}
