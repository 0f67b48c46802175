package dev.capstan.e2e;

/** What the fault harness does to a deploy or rollback at a step boundary. */
enum Fault {
    /** {@code kill -9} of the Capstan process: nothing of it runs after the signal. */
    KILL_9("kill-9"),
    /** SIGTERM to the Capstan process (what CI runners and systemd send on cancel). */
    SIGTERM("sigterm"),
    /** One host's sshd and every session under it killed: the host is gone mid-run. */
    LOST_HOST("lost-host"),
    /** A host-changing task run by a second Capstan while a deploy is paused in a pre-publish hook. */
    CONCURRENT("concurrent");

    final String id;

    Fault(String id) {
        this.id = id;
    }
}
