package dev.capstan.dsl;

/** A mistake in a DSL file; the message starts with {@code file:line:}. */
public final class DslException extends RuntimeException {
    public DslException(String message) {
        super(message);
    }

    public DslException(String message, Throwable cause) {
        super(message, cause);
    }
}
