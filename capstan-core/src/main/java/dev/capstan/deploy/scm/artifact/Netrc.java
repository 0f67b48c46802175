package dev.capstan.deploy.scm.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ~/.netrc}: {@code machine HOST login USER password PASS} entries (and {@code default}), as curl reads them. */
public final class Netrc {
    private Netrc() {}

    public static RepositoryCredentials credentials(Path netrc, String host) {
        if (host == null || !Files.isRegularFile(netrc)) return null;
        String[] words;
        try {
            words = Files.readString(netrc).strip().split("\\s+");
        } catch (IOException e) {
            throw new ArtifactException(netrc + " cannot be read: " + e.getMessage());
        }
        String login = null, password = null;
        boolean inEntry = false, found = false;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.equals("machine") || w.equals("default")) {
                if (found) break;
                inEntry = w.equals("default") || (i + 1 < words.length && words[i + 1].equalsIgnoreCase(host));
                found = inEntry;
                login = password = null;
            } else if (inEntry && w.equals("login") && i + 1 < words.length) {
                login = words[++i];
            } else if (inEntry && w.equals("password") && i + 1 < words.length) {
                password = words[++i];
            }
        }
        return found && login != null ? new RepositoryCredentials(login, password == null ? "" : password) : null;
    }
}
