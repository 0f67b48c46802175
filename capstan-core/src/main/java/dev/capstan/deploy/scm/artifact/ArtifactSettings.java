package dev.capstan.deploy.scm.artifact;

import dev.capstan.config.Configuration;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code artifact_*} variables, read and checked once, before any host is touched. */
public record ArtifactSettings(ArtifactSource source, String sha256, String transfer, String version, int stripComponents,
                               String placeAs, RepositoryCredentials httpCredentials, List<MavenRepository> repositories,
                               S3Presigning.Settings s3, Path home) {
    public static final List<String> TRANSFERS = List.of("hosts_download", "push");

    public static ArtifactSettings from(Configuration c, Path home) {
        String transfer = c.fetchString("artifact_transfer");
        if (transfer == null) transfer = "hosts_download";
        if (!TRANSFERS.contains(transfer)) {
            throw new IllegalArgumentException("artifact_transfer is '" + transfer + "'; use one of " + String.join(", ", TRANSFERS));
        }
        int strip = c.fetchInt("artifact_strip_components", 0);
        if (strip < 0) throw new IllegalArgumentException("artifact_strip_components must be 0 or more, not " + strip);
        String user = c.fetchString("artifact_http_user");
        RepositoryCredentials http = user == null ? null : new RepositoryCredentials(user, String.valueOf(c.fetch("artifact_http_password", "")));
        String endpoint = c.fetchString("artifact_s3_endpoint");
        Duration expires = Duration.ofSeconds(c.fetchInt("artifact_url_expires", 3600));
        S3Presigning.Settings s3 = new S3Presigning.Settings(c.fetchString("artifact_s3_region"), c.fetchString("artifact_s3_profile"),
                endpoint == null ? null : URI.create(endpoint), c.fetchBoolean("artifact_s3_path_style", endpoint != null), expires);
        return new ArtifactSettings(ArtifactSource.parse(c.fetchString("artifact_url")), c.fetchString("artifact_sha256"), transfer,
                c.fetchString("artifact_version"), strip, c.fetchString("artifact_name"), http, repositories(c, home), s3, home);
    }

    /** {@code artifact_repositories}: URLs, or maps with id/url/username/password; credentials also from settings.xml. */
    private static List<MavenRepository> repositories(Configuration c, Path home) {
        Object raw = c.fetch("artifact_repositories");
        if (raw == null) return List.of(MavenRepository.CENTRAL);
        List<MavenRepository> out = new ArrayList<>();
        for (Object entry : raw instanceof List<?> l ? l : List.of(raw)) {
            String id, url;
            RepositoryCredentials creds = null;
            if (entry instanceof Map<?, ?> m) {
                url = String.valueOf(m.get("url"));
                id = m.get("id") == null ? url : String.valueOf(m.get("id"));
                if (m.get("username") != null) creds = new RepositoryCredentials(String.valueOf(m.get("username")), String.valueOf(m.get("password")));
            } else {
                url = String.valueOf(entry);
                id = url;
            }
            if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("file:")) {
                throw new IllegalArgumentException("artifact_repositories: '" + url + "' is not an http(s) URL");
            }
            if (creds == null) creds = MavenSettings.credentials(home.resolve(".m2/settings.xml"), id);
            out.add(new MavenRepository(id, URI.create(url), creds));
        }
        return out;
    }
}
