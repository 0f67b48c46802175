package dev.capstan.deploy;

import dev.capstan.remote.Host;

import java.util.List;

/**
 * A rollout that switches {@code current} wave by wave, each wave's work (a verified restart) done before the next
 * switches, so a failure leaves the hosts not reached on the release they had: they never switch. A plugin hands one
 * to the run ({@link DeployRun#publishInWaves}) before {@code deploy:publishing}; services does.
 */
public interface PublishWaves {
    /** The hosts in the order they switch, wave by wave; a release host in no wave switches with the last one. */
    List<List<Host>> waves();

    /** Before wave {@code i} switches (a wait, a load balancer drain hook). */
    void beforeSwitch(int i);

    /** After wave {@code i} switched: its work, which throws when it failed; the rollout then stops before the next wave. */
    void afterSwitch(int i);

    /** Whether the hosts already switched go back when a wave fails ({@code rollback_on_failure}). */
    boolean rollBackOnFailure();

    /** {@code hosts} were switched back: bring their work back too (restart there); returns one line saying how it went. */
    String switchedBack(List<Host> hosts);

    /** Where every host stands now (a hosts × release, services table), for the failure message. */
    String fleetState();
}
