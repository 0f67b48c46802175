package dev.capstan.deploy.scm.artifact;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small reads on the deploying machine (checksum files, Maven metadata): redirects followed, basic auth, bounded waits. */
final class HttpFetch {
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** The body of a 200 answer, or null for 404/410; any other status fails with the URL (credentials never in it). */
    String text(URI uri, RepositoryCredentials credentials) {
        HttpResponse<String> r = send(uri, credentials, "GET");
        if (r.statusCode() == 404 || r.statusCode() == 410) return null;
        if (r.statusCode() != 200) throw failure(uri, r.statusCode());
        return r.body();
    }

    boolean exists(URI uri, RepositoryCredentials credentials) {
        HttpResponse<String> r = send(uri, credentials, "HEAD");
        if (r.statusCode() == 404 || r.statusCode() == 410) return false;
        if (r.statusCode() / 100 != 2) throw failure(uri, r.statusCode());
        return true;
    }

    private HttpResponse<String> send(URI uri, RepositoryCredentials credentials, String method) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (credentials != null) b.header("Authorization", credentials.basicAuthorization());
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ArtifactException(uri + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(uri + ": interrupted");
        }
    }

    private static ArtifactException failure(URI uri, int status) {
        String why = status == 401 ? " (unauthorized: check the repository's credentials)"
                : status == 403 ? " (forbidden: credentials refused, or a presigned URL expired)" : "";
        return new ArtifactException(uri + " answered HTTP " + status + why);
    }
}
