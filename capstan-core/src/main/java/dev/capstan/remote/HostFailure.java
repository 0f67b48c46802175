package dev.capstan.remote;

/** One host's failure in an {@code on} block. */
public record HostFailure(Host host, Throwable error) {
    public String describe() {
        String msg = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return host.label() + ": " + msg;
    }
}
