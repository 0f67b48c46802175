package dev.capstan.deploy.scm.artifact;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Presigning against a real S3-compatible server, S3Proxy (it validates V4 query signatures and their expiry),
 * run as its own process from the jar Maven copies to target/s3proxy. The SDK reads the credentials from its
 * normal chain (here the aws.* system properties, set only around each presign).
 */
class S3PresigningIT {
    private static final String KEY_ID = S3ProxyProcess.KEY_ID, SECRET = S3ProxyProcess.SECRET;
    @TempDir static Path dir;
    private static S3ProxyProcess s3proxy;
    private static URI endpoint;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        s3proxy = S3ProxyProcess.start(dir);
        endpoint = s3proxy.endpoint();
        s3proxy.put("builds", "shop/shop-1.4.2.tgz", "artifact bytes".getBytes());
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (s3proxy != null) s3proxy.close();
    }

    private static URI presign(String key, Duration validity, List<String> warnings) {
        System.setProperty("aws.accessKeyId", KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET);
        try {
            return S3Presigning.presign(new ArtifactSource.S3("builds", key),
                    new S3Presigning.Settings("us-east-1", null, endpoint, true, validity), warnings::add);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPresignedUrlReadsTheObjectWithoutCredentialsAndCarriesNoSecret() throws Exception {
        List<String> warnings = new ArrayList<>();
        URI url = presign("shop/shop-1.4.2.tgz", Duration.ofMinutes(15), warnings);
        assertThat(url.toString()).startsWith(endpoint + "/builds/shop/shop-1.4.2.tgz?").contains("X-Amz-Signature=")
                .doesNotContain(SECRET).doesNotContain(java.net.URLEncoder.encode(SECRET, java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = get(url);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("artifact bytes");
        assertThat(warnings).as("long-term keys: nothing to warn about").isEmpty();
    }

    @Test
    void aTamperedOrExpiredUrlIsRefused() throws Exception {
        URI url = presign("shop/shop-1.4.2.tgz", Duration.ofSeconds(1), new ArrayList<>());
        String s = url.toString();
        int sig = s.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        URI tampered = URI.create(s.substring(0, sig) + (s.charAt(sig) == 'a' ? 'b' : 'a') + s.substring(sig + 1));
        assertThat(get(tampered).statusCode()).isEqualTo(403);
        Thread.sleep(2100); // the URL was valid for 1 s
        assertThat(get(url).statusCode()).as("expired").isEqualTo(403);
    }

    @Test
    void urlsLongerThanSevenDaysAreRefusedBeforeSigning() {
        assertThatThrownBy(() -> presign("shop/shop-1.4.2.tgz", Duration.ofDays(8), new ArrayList<>()))
                .hasMessageContaining("more than 7 days");
    }
}
