package dev.capstan.deploy.scm.artifact;

/** {@code GROUP:ARTIFACT:VERSION[:CLASSIFIER][@EXT]}, as Gradle and Maven users write them. */
public record MavenCoordinates(String groupId, String artifactId, String version, String classifier, String extension) {

    static MavenCoordinates parse(String spec) {
        String ext = "jar";
        String s = spec;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            ext = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String[] p = s.split(":", -1);
        if (p.length < 3 || p.length > 4 || ext.isEmpty() || java.util.Arrays.stream(p).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("artifact_url 'maven:" + spec + "' is not maven:GROUP:ARTIFACT:VERSION[:CLASSIFIER][@EXT]"
                    + " (e.g. maven:com.acme:shop:1.4.2:boot@jar)");
        }
        return new MavenCoordinates(p[0], p[1], p[2], p.length == 4 ? p[3] : null, ext);
    }

    public boolean isSnapshot() { return version.endsWith("-SNAPSHOT"); }

    /** The version's directory in a repository: {@code com/acme/shop/1.4.2-SNAPSHOT/}. */
    public String directory() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/";
    }

    /** The file name for a resolved version (a SNAPSHOT resolves to a timestamped one). */
    public String fileName(String resolvedVersion) {
        return artifactId + "-" + resolvedVersion + (classifier == null ? "" : "-" + classifier) + "." + extension;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (classifier == null ? "" : ":" + classifier) + "@" + extension;
    }
}
