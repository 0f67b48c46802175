package dev.capstan.deploy.scm.artifact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact strings: a change to what hosts run shows in review. ArtifactScriptsIT runs them. */
class ArtifactScriptsTest {
    private static final Checksum SHA = Checksum.sha256("ab".repeat(32));

    @Test
    void unpackByType() {
        assertThat(ArtifactScripts.unpack("/c/shop 1.tgz", "/srv/releases/1", 1, null))
                .isEqualTo("mkdir -p /srv/releases/1 && tar -xzf /c/shop\\ 1.tgz -C /srv/releases/1 --strip-components=1");
        assertThat(ArtifactScripts.unpack("/c/shop.tar.xz", "/r", 0, null)).isEqualTo("mkdir -p /r && tar -xJf /c/shop.tar.xz -C /r");
        assertThat(ArtifactScripts.unpack("/c/shop.zip", "/r", 0, null)).isEqualTo("mkdir -p /r && unzip -q -o /c/shop.zip -d /r");
        assertThat(ArtifactScripts.unpack("/c/shop-1.jar", "/r", 0, "app.jar")).isEqualTo("mkdir -p /r && cp /c/shop-1.jar /r/app.jar");
        assertThatThrownBy(() -> ArtifactScripts.unpack("/c/shop.rar", "/r", 0, null)).hasMessageContaining("shop.rar: unknown artifact type");
    }

    @Test
    void theCacheCheckComesFirstAndTheDownloadLandsAside() {
        String s = ArtifactScripts.fetch("/srv/shared/artifacts", "shop.tgz", "https://x/shop.tgz", SHA, false);
        assertThat(s).startsWith("if [ -f /srv/shared/artifacts/" + SHA.hex() + "/shop.tgz ] && [ \"$(sha256sum /srv/shared/artifacts/"
                + SHA.hex() + "/shop.tgz 2>/dev/null | cut -d' ' -f1)\" = " + SHA.hex() + " ]; then echo cached; else mkdir -p ");
        assertThat(s).contains("-o /srv/shared/artifacts/" + SHA.hex() + "/shop.tgz.part$$ -w '%{http_code}' https://x/shop.tgz")
                .endsWith("mv -f /srv/shared/artifacts/" + SHA.hex() + "/shop.tgz.part$$ /srv/shared/artifacts/" + SHA.hex()
                        + "/shop.tgz && echo downloaded; fi");
    }
}
