package dev.capstan.deploy.scm.artifact;

/** An artifact that cannot be found, read or trusted; the message names the source (without credentials) and the cause. */
public final class ArtifactException extends RuntimeException {
    public ArtifactException(String message) { super(message); }
}
