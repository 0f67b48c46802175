package dev.capstan.output.notify;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the notifiers when the tasks they listen for finish ({@code deploy:finished}, {@code deploy:failed}, any
 * task name). A notifier that fails becomes a warning on {@code warnings}; the run goes on as if it had succeeded.
 */
public final class NotifyListener implements EventListener {
    /** A notifier, the task names it listens for, and where the DSL declared it (for warnings). */
    public record Registered(Notifier notifier, Set<String> events, String location) {}

    private final List<Registered> notifiers;
    private final Supplier<DeployFacts> facts;
    private final EventListener warnings;
    private volatile Instant started = Instant.now();

    public NotifyListener(List<Registered> notifiers, Supplier<DeployFacts> facts, EventListener warnings) {
        this.notifiers = List.copyOf(notifiers);
        this.facts = facts;
        this.warnings = warnings;
    }

    @Override
    public void on(Event event) {
        if (event instanceof Event.RunStarted r) started = r.at();
        if (!(event instanceof Event.TaskFinished t)) return;
        for (Registered r : notifiers) {
            if (!r.events().contains(t.task())) continue;
            String result = t.task().endsWith(":failed") || !t.success() ? "failed" : "success";
            send(r, notification(t.task(), result, Duration.between(started, t.at())));
        }
    }

    private Notification notification(String event, String result, Duration duration) {
        DeployFacts f = facts.get();
        return new Notification(event, f.application(), f.stage(), f.release(), f.revision(), f.user(), f.hosts(), duration, result);
    }

    private void send(Registered r, Notification n) {
        try {
            r.notifier().send(n);
            warnings.on(new Event.LogMessage(Instant.now(), null, Verbosity.DEBUG, "notify " + r.notifier().type() + ": sent " + n.event()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            warnings.on(new Event.LogMessage(Instant.now(), null, Verbosity.WARN, "notify " + r.notifier().type()
                    + (r.location() == null ? "" : " (" + r.location() + ")") + " failed for " + n.event() + ": " + why
                    + " (the deploy is not affected)"));
        }
    }
}
