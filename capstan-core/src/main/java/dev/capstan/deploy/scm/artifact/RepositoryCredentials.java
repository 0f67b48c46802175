package dev.capstan.deploy.scm.artifact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user and password for an HTTP source or a Maven repository; the password is a secret and never shown. */
public record RepositoryCredentials(String username, String password) {
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() { return username + ":[REDACTED]"; }
}
