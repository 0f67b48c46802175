package dev.capstan.deploy.service;

/** A restart that was not verified; the message names the hosts and why, and a rollout's ends with the hosts × (release, service state) table. */
public final class ServiceRestartException extends RuntimeException implements dev.capstan.task.RunOutcome {
    public ServiceRestartException(String message) {
        super(message);
    }
}
