package dev.capstan.remote;

/** The body of an {@code on} block, run once per host. */
@FunctionalInterface
public interface HostBlock {
    void run(Remote remote) throws Exception;
}
