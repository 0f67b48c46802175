package dev.capstan.deploy.service;

/**
 * What a kind of service does on a host, as shell fragments run in {@code current} after {@link ServiceScripts}'s
 * prelude ({@code capstan_wait}, {@code capstan_alive}, {@code capstan_verify}). A fragment exits non-zero when it
 * cannot confirm what it did; {@code restart} counts only when the new process is up and {@code capstan_verify} passes.
 */
public interface ServiceType {
    String start(ServiceTarget t);

    String stop(ServiceTarget t);

    String restart(ServiceTarget t);

    /** Prints {@code service running PID} or {@code service stopped}. */
    String status(ServiceTarget t);

    /** Sidekiq's TSTP at {@code deploy:starting}; null for the types that have no quiet. */
    default String quiet(ServiceTarget t) { return null; }

    /** Rejects missing or contradictory options, naming {@code at} (the DSL line). */
    default void check(ServiceSpec spec, String at) {}
}
