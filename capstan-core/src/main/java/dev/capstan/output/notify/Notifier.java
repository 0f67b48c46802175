package dev.capstan.output.notify;

/** Sends a {@link Notification} somewhere (a webhook, Slack, email). Runs on the deploying machine only. */
public interface Notifier {
    /** {@code webhook}, {@code slack}, {@code email}: used in warnings. */
    String type();

    /** Sends it or throws; the caller turns a failure into a warning, never a failed deploy. */
    void send(Notification n) throws Exception;
}
