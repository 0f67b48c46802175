package dev.capstan.deploy.scm.artifact;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code maven:G:A:V} in the configured repositories, in order, as Maven's own resolver does for one
 * artifact: a SNAPSHOT resolves to its timestamped file from the version's {@code maven-metadata.xml}, the digest
 * comes from the repository's {@code .sha256} (else {@code .sha1}) beside the file.
 */
public final class MavenResolver {
    private final HttpFetch http = new HttpFetch();

    public ResolvedArtifact resolve(MavenCoordinates c, List<MavenRepository> repositories) {
        List<String> tried = new ArrayList<>();
        for (MavenRepository repo : repositories) {
            String version = c.isSnapshot() ? snapshotVersion(c, repo) : c.version();
            if (version == null) {
                tried.add(repo.id() + " (" + repo.resolve(c.directory() + "maven-metadata.xml") + ": not found)");
                continue;
            }
            String file = c.directory() + c.fileName(version);
            java.net.URI url = repo.resolve(file);
            if (!http.exists(url, repo.credentials())) {
                tried.add(repo.id() + " (" + url + ": not found)");
                continue;
            }
            return new ResolvedArtifact(url, c.fileName(version), checksum(url, repo, c.fileName(version)), version, repo.credentials());
        }
        throw new ArtifactException("maven:" + c + " is in none of the artifact_repositories: " + String.join(", ", tried));
    }

    private Checksum checksum(java.net.URI file, MavenRepository repo, String fileName) {
        for (String algorithm : List.of("sha256", "sha1")) {
            String text = http.text(java.net.URI.create(file + "." + algorithm), repo.credentials());
            if (text != null) {
                Checksum c = Checksum.fromFile(algorithm, text, fileName);
                if (c != null) return c;
            }
        }
        return null;
    }

    /** The timestamped version of a SNAPSHOT for this classifier and extension, or null when the repository has none. */
    private String snapshotVersion(MavenCoordinates c, MavenRepository repo) {
        String xml = http.text(repo.resolve(c.directory() + "maven-metadata.xml"), repo.credentials());
        if (xml == null) return null;
        Element versioning = first(parse(xml).getDocumentElement(), "versioning");
        if (versioning == null) return c.version();
        NodeList entries = versioning.getElementsByTagName("snapshotVersion");
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            String classifier = text(e, "classifier");
            boolean sameClassifier = c.classifier() == null ? classifier == null || classifier.isEmpty() : c.classifier().equals(classifier);
            if (sameClassifier && c.extension().equals(text(e, "extension"))) return text(e, "value");
        }
        Element snapshot = first(versioning, "snapshot");
        String timestamp = snapshot == null ? null : text(snapshot, "timestamp");
        if (timestamp == null) return c.version(); // a local-style snapshot: the file keeps the -SNAPSHOT name
        return c.version().replace("SNAPSHOT", timestamp + "-" + text(snapshot, "buildNumber"));
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new ArtifactException("maven-metadata.xml cannot be read: " + e.getMessage());
        }
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static String text(Element parent, String tag) {
        Element e = first(parent, tag);
        return e == null ? null : e.getTextContent().strip();
    }
}
