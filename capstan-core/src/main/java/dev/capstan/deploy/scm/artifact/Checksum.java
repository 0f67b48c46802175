package dev.capstan.deploy.scm.artifact;

import java.util.Locale;
import java.util.regex.Pattern;

/** An artifact's expected digest, checked on every host before the release is used. */
public record Checksum(String algorithm, String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        int length = algorithm.equals("sha256") ? 64 : algorithm.equals("sha1") ? 40 : -1;
        if (length < 0) throw new IllegalArgumentException("unsupported checksum algorithm " + algorithm);
        if (hex.length() != length || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("'" + hex + "' is not a " + algorithm + " digest (" + length + " hex digits)");
        }
    }

    public static Checksum sha256(String hex) { return new Checksum("sha256", hex.strip()); }

    /** The host command that prints this digest of a file: {@code sha256sum} / {@code sha1sum} (coreutils). */
    public String tool() { return algorithm + "sum"; }

    /**
     * The digest for {@code fileName} in a checksum file: a bare digest (Maven's {@code .sha1}/{@code .sha256}), or
     * {@code DIGEST  NAME} lines as {@code sha256sum} writes them (a SHA256SUMS file); null when the file is not listed.
     */
    public static Checksum fromFile(String algorithm, String content, String fileName) {
        String[] lines = content.strip().split("\\R");
        if (lines.length == 1 && !lines[0].strip().contains(" ")) return new Checksum(algorithm, lines[0].strip());
        for (String line : lines) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[1].replaceFirst("^\\*", "").equals(fileName)) return new Checksum(algorithm, parts[0]);
        }
        // Maven's own .sha1 files sometimes carry the file name after the digest: "DIGEST  NAME" is handled above
        return null;
    }
}
