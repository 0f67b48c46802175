package dev.capstan.deploy.scm.artifact;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Server credentials from {@code ~/.m2/settings.xml} ({@code <servers><server><id>…}), as Maven uses them. */
public final class MavenSettings {
    private MavenSettings() {}

    /** The credentials of server {@code id} in {@code settingsXml}, or null when the file or the server is absent. */
    public static RepositoryCredentials credentials(Path settingsXml, String id) {
        if (id == null || !Files.isRegularFile(settingsXml)) return null;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList servers = f.newDocumentBuilder().parse(settingsXml.toFile()).getElementsByTagName("server");
            for (int i = 0; i < servers.getLength(); i++) {
                Element s = (Element) servers.item(i);
                if (!id.equals(child(s, "id"))) continue;
                String user = child(s, "username");
                String password = child(s, "password");
                if (password != null && password.startsWith("{") && password.endsWith("}")) {
                    throw new ArtifactException(settingsXml + ": the password of server '" + id
                            + "' is encrypted (settings-security.xml); give it in a secret variable instead");
                }
                return user == null ? null : new RepositoryCredentials(user, password == null ? "" : password);
            }
            return null;
        } catch (ArtifactException e) {
            throw e;
        } catch (Exception e) {
            throw new ArtifactException(settingsXml + " cannot be read: " + e.getMessage());
        }
    }

    private static String child(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
    }
}
