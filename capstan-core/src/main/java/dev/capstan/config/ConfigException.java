package dev.capstan.config;

/** A mistake in the configuration; the message names the variable, server or file at fault. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
