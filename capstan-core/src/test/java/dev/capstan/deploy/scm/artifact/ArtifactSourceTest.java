package dev.capstan.deploy.scm.artifact;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactSourceTest {
    @Test
    void eachSpellingOfArtifactUrlParsesToItsSource() {
        assertThat(ArtifactSource.parse("build/shop-1.4.2.tgz")).isEqualTo(new ArtifactSource.LocalFile(Path.of("build/shop-1.4.2.tgz")));
        assertThat(ArtifactSource.parse("/srv/ci/shop.tgz").fileName()).isEqualTo("shop.tgz");
        assertThat(ArtifactSource.parse("file:///srv/ci/shop.zip")).isEqualTo(new ArtifactSource.LocalFile(Path.of("/srv/ci/shop.zip")));
        assertThat(ArtifactSource.parse("https://ci.example/a/b/shop-1.tgz?x=1"))
                .isEqualTo(new ArtifactSource.Http(URI.create("https://ci.example/a/b/shop-1.tgz?x=1")));
        assertThat(ArtifactSource.parse("https://ci.example/a/b/shop-1.tgz?x=1").fileName()).isEqualTo("shop-1.tgz");
        assertThat(ArtifactSource.parse("s3://acme-builds/shop/shop-1.4.2.tgz")).isEqualTo(new ArtifactSource.S3("acme-builds", "shop/shop-1.4.2.tgz"));
        assertThat(ArtifactSource.parse("maven:com.acme:shop:1.4.2:boot@zip").fileName()).isEqualTo("shop-1.4.2-boot.zip");
        assertThat(ArtifactSource.parse("maven:com.acme:shop:1.4.2").fileName()).isEqualTo("shop-1.4.2.jar");
    }

    @Test
    void badValuesAreNamedWithoutTheirPasswords() {
        assertThatThrownBy(() -> ArtifactSource.parse("ftp://bob:hunter2@ci/shop.tgz"))
                .hasMessageContaining("unknown scheme 'ftp'").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ArtifactSource.parse("https://bob:hunter2@ci.example/"))
                .hasMessageContaining("names no file").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ArtifactSource.parse("s3://bucket-only")).hasMessageContaining("is not s3://BUCKET/KEY");
        assertThatThrownBy(() -> ArtifactSource.parse("maven:com.acme:shop")).hasMessageContaining("maven:GROUP:ARTIFACT:VERSION");
        assertThatThrownBy(() -> ArtifactSource.parse(" ")).hasMessage("artifact_url is not set");
    }

    @Test
    void mavenCoordinatesLayOutAsARepositoryDoes() {
        MavenCoordinates c = MavenCoordinates.parse("com.acme.shop:web:2.0-SNAPSHOT:boot@jar");
        assertThat(c.isSnapshot()).isTrue();
        assertThat(c.directory()).isEqualTo("com/acme/shop/web/2.0-SNAPSHOT/");
        assertThat(c.fileName("2.0-20261201.101010-3")).isEqualTo("web-2.0-20261201.101010-3-boot.jar");
    }

    @Test
    void checksumFilesInEveryShapeTheyCome() {
        String sha = "9f2c".repeat(16);
        assertThat(Checksum.fromFile("sha256", sha + "\n", "x.tgz")).isEqualTo(Checksum.sha256(sha));
        assertThat(Checksum.fromFile("sha256", "aaaa".repeat(16) + "  other.tgz\n" + sha + " *x.tgz\n", "x.tgz").hex()).isEqualTo(sha);
        assertThat(Checksum.fromFile("sha256", sha + "  other.tgz", "x.tgz")).isNull();
        assertThatThrownBy(() -> Checksum.sha256("xyz")).hasMessageContaining("is not a sha256 digest");
        assertThat(Checksum.sha256(sha.toUpperCase()).hex()).isEqualTo(sha);
    }
}
