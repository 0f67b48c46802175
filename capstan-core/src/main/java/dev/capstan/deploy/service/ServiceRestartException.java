package dev.capstan.deploy.service;

/** A restart that was not verified; the message ends with the hosts × (release, service state) table. */
public final class ServiceRestartException extends RuntimeException {
    public ServiceRestartException(String message) {
        super(message);
    }
}
