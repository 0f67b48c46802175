package dev.capstan.deploy.scm.artifact;

import java.net.URI;

/** One entry of {@code artifact_repositories}: an id (matched against {@code ~/.m2/settings.xml} servers) and a base URL. */
public record MavenRepository(String id, URI url, RepositoryCredentials credentials) {
    public static final MavenRepository CENTRAL = new MavenRepository("central", URI.create("https://repo.maven.apache.org/maven2/"), null);

    public MavenRepository {
        String u = url.toString();
        if (!u.endsWith("/")) url = URI.create(u + "/");
    }

    URI resolve(String path) { return url.resolve(path); }
}
